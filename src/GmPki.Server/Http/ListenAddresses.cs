using System.Net;
using System.Net.Sockets;
using GmPki.Core.Errors;
using Microsoft.AspNetCore.Connections;

namespace GmPki.Server.Http;

/// <summary>
/// The listen URLs of <c>gmpki serve</c> (<c>--urls</c>, Kestrel's format: <c>http://127.0.0.1:8080</c>,
/// <c>http://*:8080</c>, <c>http://localhost:8080</c>, <c>;</c>-separated): checked free before start-up
/// derives any key, so a port in use is one clear error (<c>listen-address-in-use</c>), never a stack trace.
/// </summary>
public static class ListenAddresses
{
    /// <summary>Checks that nothing listens on any address of <paramref name="urls"/> (a port of 0 is always free).</summary>
    /// <param name="urls">Listen URLs, <c>;</c>-separated.</param>
    /// <exception cref="GmPkiException"><c>listen-address-in-use</c> naming the first URL in use.</exception>
    public static void EnsureFree(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var address = BindingAddress.Parse(url);
            if (address.IsUnixPipe || address.Port == 0)
            {
                continue;
            }

            foreach (var ip in AddressesOf(address.Host))
            {
                using var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                try
                {
                    socket.Bind(new IPEndPoint(ip, address.Port));
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
                {
                    throw InUse(url);
                }
            }
        }
    }

    /// <summary>The error for a listen address Kestrel found in use, or null when <paramref name="failure"/> is another failure.</summary>
    /// <param name="failure">What <c>StartAsync</c> threw.</param>
    /// <param name="urls">The listen URLs.</param>
    public static GmPkiException? InUse(Exception failure, string urls)
        => failure is IOException { InnerException: AddressInUseException } ? InUse(urls) : null;

    private static GmPkiException InUse(string url)
        => Errors.ListenAddressInUse.With($"{url} 已被其他程序占用，请用 --urls 另选地址 / another program listens on {url}; choose another address with --urls.");

    private static IPAddress[] AddressesOf(string host)
        => host switch
        {
            "localhost" => [IPAddress.Loopback],
            _ when IPAddress.TryParse(host.Trim('[', ']'), out var ip) => [ip],
            _ => [IPAddress.Any],
        };
}
