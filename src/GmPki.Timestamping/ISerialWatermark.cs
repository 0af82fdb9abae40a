namespace GmPki.Timestamping;

/// <summary>
/// Durable storage of the TSA's serial watermark: a stamp (microseconds since the Unix epoch) that
/// no issued serial has reached. The TSA saves it one second ahead of use, so a restart (even with
/// the clock set back) never reuses a serial.
/// </summary>
public interface ISerialWatermark
{
    /// <summary>The stored watermark; 0 when none was stored yet.</summary>
    /// <exception cref="FormatException">The stored value is damaged.</exception>
    long Load();

    /// <summary>Stores <paramref name="watermark"/> durably before returning.</summary>
    /// <exception cref="IOException">It could not be stored.</exception>
    void Save(long watermark);
}
