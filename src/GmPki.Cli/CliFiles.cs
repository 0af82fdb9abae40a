using GmPki.Core.Errors;
using GmPki.Registration.Workflow;

namespace GmPki.Cli;

/// <summary>Files named on the command line.</summary>
internal static class CliFiles
{
    /// <summary>The bytes of <paramref name="path"/>.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> when it does not exist.</exception>
    public static Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken)
        => File.Exists(path) ? File.ReadAllBytesAsync(path, cancellationToken) : throw Errors.RequestInvalid.With($"file {path} does not exist.");

    /// <summary>The DER of the X.509 certificate in <paramref name="path"/> (PEM or DER), or null when no path is given.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> when missing or not a certificate.</exception>
    public static async Task<byte[]?> CertificateAsync(string? path, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return null;
        }

        var bytes = await ReadAsync(path, cancellationToken);
        try
        {
            using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(
                GmPki.Verification.Encoding.PkixEncoding.Decode(bytes, GmPki.Verification.Encoding.PkixEncoding.Certificate)[0]);
            return certificate.RawData;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException)
        {
            throw Errors.RequestInvalid.With($"{path} is not an X.509 certificate (PEM or DER): {e.Message}");
        }
    }

    /// <summary>Evidence files, their media type guessed from the extension.</summary>
    public static async Task<List<EvidenceInput>> EvidenceAsync(string[]? paths, CancellationToken cancellationToken)
    {
        var files = new List<EvidenceInput>();
        foreach (var path in paths ?? [])
        {
            files.Add(new EvidenceInput(Path.GetFileName(path), MediaTypeOf(path), await ReadAsync(path, cancellationToken)));
        }

        return files;
    }

    private static string MediaTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".txt" => "text/plain",
        _ => "application/octet-stream",
    };
}
