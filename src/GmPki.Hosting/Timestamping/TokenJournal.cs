using System.Globalization;
using System.Text.Json;
using GmPki.Timestamping;

namespace GmPki.Hosting.Timestamping;

/// <summary>
/// The TSA's record of every token it issued (<c>docs/audit.md</c>, "Timestamp tokens"): one JSON
/// line per token in <c>tsa-tokens/tokens-{yyyy-MM}.jsonl</c> (UTC month of genTime), appended and
/// flushed to the operating system before the token is sent (concurrent requests may append a few
/// lines out of serial order):
/// <c>{"serial":…,"genTime":"…Z","hash":"SHA-256","imprint":"hex","requestId":"…","peer":"…"}</c>.
/// Tokens are not audit events, so that a busy TSA does not flood the SM3 audit chain; the chain
/// records the TSA certificate, refused requests, and a <c>timestamp.tokens-issued</c> summary.
/// Safe for concurrent use.
/// </summary>
/// <param name="directory">The journal directory (created on first use).</param>
internal sealed class TokenJournal(string directory) : IDisposable
{
    private readonly Lock _lock = new();
    private StreamWriter? _writer;
    private string? _month;

    /// <summary>Tokens appended since start.</summary>
    public long Count { get; private set; }

    /// <summary>The lowest serial appended since start; 0 when none.</summary>
    public long FirstSerial { get; private set; }

    /// <summary>The highest serial appended since start; 0 when none (concurrent requests may append slightly out of serial order).</summary>
    public long LastSerial { get; private set; }

    /// <summary>Appends one token.</summary>
    /// <exception cref="IOException">The journal could not be written.</exception>
    public void Append(IssuedToken token, string requestId, string? peer)
    {
        var line = JsonSerializer.Serialize(new
        {
            serial = token.Serial,
            genTime = token.Time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            hash = token.HashAlgorithm,
            imprint = Convert.ToHexStringLower(token.Imprint),
            requestId,
            peer,
        });
        var month = token.Time.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        lock (_lock)
        {
            if (month != _month)
            {
                _writer?.Dispose();
                Directory.CreateDirectory(directory);
                _writer = new StreamWriter(Path.Combine(directory, $"tokens-{month}.jsonl"), append: true);
                _month = month;
            }

            _writer!.WriteLine(line);
            _writer.Flush();
            Count++;
            FirstSerial = FirstSerial == 0 ? token.Serial : Math.Min(FirstSerial, token.Serial);
            LastSerial = Math.Max(LastSerial, token.Serial);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _writer?.Dispose();
            _writer = null;
            _month = null;
        }
    }
}
