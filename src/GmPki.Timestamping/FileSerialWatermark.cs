using System.Globalization;
using System.Text;

namespace GmPki.Timestamping;

/// <summary>
/// A <see cref="ISerialWatermark"/> in a text file holding one decimal number (microseconds since
/// the Unix epoch), replaced atomically (write, flush to disk, rename) on each save. One TSA
/// process per file.
/// </summary>
/// <param name="path">The file (created on the first save).</param>
public sealed class FileSerialWatermark(string path) : ISerialWatermark
{
    /// <inheritdoc/>
    /// <exception cref="FormatException">The file does not hold a non-negative decimal number.</exception>
    public long Load()
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        var text = File.ReadAllText(path).Trim();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var watermark)
            ? watermark
            : throw new FormatException($"The TSA serial watermark {path} does not hold a number; restore it from a backup or write a number above every TSA serial issued.");
    }

    /// <inheritdoc/>
    /// <exception cref="IOException">The file could not be written.</exception>
    public void Save(long watermark)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(Encoding.ASCII.GetBytes(watermark.ToString(CultureInfo.InvariantCulture) + "\n"));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
