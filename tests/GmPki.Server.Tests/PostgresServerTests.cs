using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GmPki.Core.Keys;
using GmPki.Hosting.Configuration;
using GmPki.Server.Http;
using GmPki.Testing;

namespace GmPki.Server.Tests;

[CollectionDefinition(Name)]
public sealed class PostgresServerDefinition : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}

/// <summary>The same service on PostgreSQL: init, issue over HTTP, read back.</summary>
[Collection(PostgresServerDefinition.Name)]
public class PostgresServerTests(PostgresServer postgres)
{
    [SkippableFact]
    public async Task Issue_OnPostgreSql_StoredAndServed()
    {
        Skip.IfNot(postgres.IsAvailable, postgres.UnavailableReason);
        OpenSsl.RequireInstalled();
        await using var database = await postgres.CreateDatabaseAsync("server");
        await using var server = await RunningServer.StartAsync(KeyAlgorithm.Sm2, new DatabaseSettings { Provider = "postgresql", ConnectionString = database.ConnectionString });
        using var client = new OpenSslClient(server);
        var csr = client.MakeRequest("pg", "-algorithm SM2", "/C=CN/CN=数据库测试");

        var (status, serial, raw) = await client.SubmitAsync(csr, "personal", Counter.Person("数据库测试"));

        status.ShouldBe(HttpStatusCode.Created, raw);
        var summary = await server.Client.GetFromJsonAsync<CertificateSummary>("/api/v1/certificates/" + serial, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        summary!.State.ShouldBe("issued");
        summary.Subject.ShouldBe("CN=数据库测试,C=CN");
        (await server.RecentAuditAsync()).Select(e => e.Action).ShouldContain("certificate.issued");
    }
}
