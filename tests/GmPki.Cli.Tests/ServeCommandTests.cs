using System.Net;
using System.Net.Sockets;
using GmPki.Testing;

namespace GmPki.Cli.Tests;

/// <summary><c>gmpki serve</c> refusing to start.</summary>
public class ServeCommandTests
{
    [Theory]
    [InlineData("http://127.0.0.1:{0}")]
    [InlineData("http://localhost:{0}")]
    [InlineData("http://*:{0}")]
    [InlineData("http://127.0.0.1:{1};http://127.0.0.1:{0}")]
    public async Task Serve_PortAlreadyBound_OneLineErrorExitOneNothingCreated(string urls)
    {
        using var cli = new Cli();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var listen = string.Format(System.Globalization.CultureInfo.InvariantCulture, urls, ((IPEndPoint)taken.LocalEndpoint).Port, LoopbackPort.Free());

        var (code, output, error) = await cli.RunAsync("serve", "--data", cli.Data, "--urls", listen);

        code.ShouldBe(1);
        output.ShouldBeEmpty();
        var line = error.TrimEnd('\n').ShouldNotBeNull();
        line.Split('\n').ShouldHaveSingleItem();
        line.ShouldStartWith("error: Listen address in use: ");
        line.ShouldContain(listen.Split(';')[^1] + " 已被其他程序占用");
        line.ShouldContain("已被其他程序占用");
        line.ShouldContain("another program listens on");
        line.ShouldEndWith("[listen-address-in-use]");
        Directory.Exists(cli.Data).ShouldBeFalse("no demo installation is created when the service cannot listen");
    }
}
