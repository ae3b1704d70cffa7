import CModbus
import Glibc

extension ServerLoop {
    /// Collects frames off the serial line and answers the complete ones with a valid CRC until
    /// stopped. A frame ends after t3.5 of silence, and only then is it answered: a slave that
    /// answered inside the silent interval would run its reply into the end of the request on a bus.
    func serveRTU(_ line: SerialLine) {
        let silenceMilliseconds = Int32(max(2, (line.interFrameGap.seconds * 1000).rounded(.up)))
        var frame: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 512)
        while let ready = waitForInput([descriptor], timeoutMilliseconds: frame.isEmpty ? -1 : silenceMilliseconds) {
            if ready[0] {
                let count = read(descriptor, &chunk, chunk.count)
                if count > 0 { frame += chunk[..<count] }
                if frame.count > Int(MODBUS_RTU_MAX_ADU_LENGTH) { frame.removeAll() }
                continue
            }
            if CRC16.isValid(frame[...]) {
                frame.withUnsafeMutableBufferPointer { answer(context, $0) }
            }
            frame.removeAll()
        }
    }
}
