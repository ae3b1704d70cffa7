import ArgumentParser

/// Where profiles are looked up by name.
struct ProfileOptions: ParsableArguments {
    @Option(help: "Device profile: a path to a YAML file or a name from the devices folder (e.g. eastron-sdm630).")
    var profile: String

    @Option(name: .customLong("devices-dir"), help: "Folder of device profiles (default: $GRIDWATCH_DEVICES, ./devices, or beside the binary).")
    var devicesDirectory: String?
}
