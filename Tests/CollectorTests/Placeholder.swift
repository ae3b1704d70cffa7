// CollectorTests: the owner of this target replaces this file with its first test file.
