using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using GmPki.Core.Security;
using GmPki.Registration.Operators;
using GmPki.Server.Http;
using GmPki.Server.Kmc;
using GmPki.Testing;

namespace GmPki.Server.Tests;

/// <summary>
/// PIN unlock (密码解锁) over the REST API: a security officer personalises a USB key at the KMC; the
/// holder's identity and will are recorded at the counter; the KMC answers the device's challenge,
/// and OpenSSL, holding the device key as the device does, computes the same SKF_DevAuth block.
/// </summary>
public sealed class PinUnlockTests(KmcServerFixture fixture) : IClassFixture<KmcServerFixture>
{
    private static readonly JsonSerializerOptions Web = Counter.Web;

    private RunningServer Server => fixture.Server;

    [SkippableFact]
    public async Task PinUnlock_PersonalisedDevice_AnswerIsTheDevicesSm4BlockOfTheChallenge_RecordedWithoutTheKey()
    {
        using var client = new OpenSslClient(Server);
        using var officer = await SecurityOfficerAsync();
        var device = "USBKEY-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var deviceKey = await PersonaliseAsync(officer, device);
        var (person, subscriber, serial) = await CertificateAsync(client, "解锁持有人");

        var (status, opened, raw) = await Counter.PostAsync(Server.Registrar, Counter.Act("pin-unlock", person, subscriber, serial));

        status.ShouldBe(HttpStatusCode.Created, raw);
        var application = opened!.Application;
        application.State.ShouldBe("approved", "the counter stops before the fulfilment, which needs the device's challenge");
        application.NextStep.ShouldBe("fulfilment");
        var (generic, _, genericRaw) = await Counter.StepAsync(Server.Registrar, application.Id, "fulfilment");
        generic.ShouldBe(HttpStatusCode.BadRequest, genericRaw);
        genericRaw.ShouldContain("/pin-unlock");
        using (var shortChallenge = await Server.Registrar.PostAsJsonAsync($"/api/v1/applications/{application.Id}/pin-unlock", new PinUnlockBody(device, "01020304050607"), Web))
        {
            shortChallenge.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await shortChallenge.Content.ReadAsStringAsync()).ShouldContain("kmc-request-invalid");
        }

        var challenge = RandomNumberGenerator.GetBytes(8);
        using var answered = await Server.Registrar.PostAsJsonAsync($"/api/v1/applications/{application.Id}/pin-unlock", new PinUnlockBody(device, Convert.ToHexString(challenge)), Web);

        answered.StatusCode.ShouldBe(HttpStatusCode.OK, await answered.Content.ReadAsStringAsync());
        var unlock = (await answered.Content.ReadFromJsonAsync<PinUnlockView>(Web))!;
        await File.WriteAllBytesAsync(client.File("block"), [.. challenge, .. new byte[8]]);
        OpenSsl.MustRun(client.Path, "enc", "-sm4-ecb", "-nopad", "-K", deviceKey, "-in", "block", "-out", "answer");
        unlock.AuthenticationData.ShouldBe(Convert.ToHexStringLower(await File.ReadAllBytesAsync(client.File("answer"))));
        unlock.Application.State.ShouldBe("completed");
        var fulfilment = unlock.Application.Steps.Single(s => s.Step == "fulfilment");
        fulfilment.Method.ShouldBe("kmc-device-unlock");
        fulfilment.Details.GetProperty("deviceSerial").GetString().ShouldBe(device);
        fulfilment.Details.GetProperty("certificate").GetString().ShouldBe(serial);
        fulfilment.Details.GetRawText().ShouldNotContain(unlock.AuthenticationData, Case.Insensitive);
        var audit = await Server.RecentAuditAsync(60);
        audit.ShouldContain(e => e.Action == "kmc.device.unlock-answered" && e.Target!.EndsWith("/" + device, StringComparison.Ordinal));
        audit.ShouldNotContain(e => e.Details != null && e.Details.Contains(deviceKey, StringComparison.OrdinalIgnoreCase));
    }

    [SkippableFact]
    public async Task PinUnlock_UnknownDeviceRejectsTheApplication_RevokedCertificateRefusedAtOpening_PersonalisationForSecurityOfficersOnce()
    {
        using var client = new OpenSslClient(Server);
        using var officer = await SecurityOfficerAsync();
        var device = "USBKEY-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        await PersonaliseAsync(officer, device);
        using (var twice = await officer.PostAsJsonAsync("/api/v1/kmc/devices", new DeviceBody(device), Web))
        {
            twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await twice.Content.ReadAsStringAsync()).ShouldContain("kmc-device-exists");
        }

        (await Server.Registrar.PostAsJsonAsync("/api/v1/kmc/devices", new DeviceBody("USBKEY-REGISTRAR"), Web)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var (person, subscriber, serial) = await CertificateAsync(client, "解锁持有人乙");
        var (_, opened, _) = await Counter.PostAsync(Server.Registrar, Counter.Act("pin-unlock", person, subscriber, serial));
        using (var unknown = await Server.Registrar.PostAsJsonAsync($"/api/v1/applications/{opened!.Application.Id}/pin-unlock", new PinUnlockBody("USBKEY-NEVER-SEEN", "0102030405060708"), Web))
        {
            unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await unknown.Content.ReadAsStringAsync()).ShouldContain("kmc-device-unknown");
        }

        var rejected = (await Server.Registrar.GetFromJsonAsync<ApplicationView>($"/api/v1/applications/{opened.Application.Id}", Web))!;
        rejected.State.ShouldBe("rejected");
        rejected.Steps[^1].Details.GetProperty("error").GetString().ShouldBe("kmc-device-unknown");

        await Counter.ActAsync(Server.Registrar, Counter.Act("revoke", person, subscriber, serial, "keyCompromise"));
        var (refused, _, refusedRaw) = await Counter.PostAsync(Server.Registrar, Counter.Act("pin-unlock", person, subscriber, serial));
        refused.ShouldBe(HttpStatusCode.BadRequest, refusedRaw);
        refusedRaw.ShouldContain("is revoked");
    }

    private async Task<HttpClient> SecurityOfficerAsync()
        => Server.Authorized(await Server.CreateOperatorAsync(new NewOperator("so-" + Guid.NewGuid().ToString("N")[..8], OperatorRole.SecurityOfficer, IdentityNumber: Counter.NextResidentId())));

    /// <summary>Personalises <paramref name="device"/>; returns its device key in hex.</summary>
    private static async Task<string> PersonaliseAsync(HttpClient officer, string device)
    {
        using var response = await officer.PostAsJsonAsync("/api/v1/kmc/devices", new DeviceBody(device), Web);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var view = (await response.Content.ReadFromJsonAsync<DeviceKeyView>(Web))!;
        view.DeviceSerial.ShouldBe(device);
        view.AuthenticationKey.Length.ShouldBe(32);
        return view.AuthenticationKey;
    }

    private async Task<(SubscriberBody Person, Guid Subscriber, string Serial)> CertificateAsync(OpenSslClient client, string name)
    {
        var person = Counter.Person(name);
        var issued = await Counter.IssueAsync(Server.Registrar,
            Counter.New(person, "personal", await File.ReadAllTextAsync(client.File(client.MakeRequest("holder", "-algorithm SM2", "/C=CN/CN=" + name)))));
        return (person, issued.Application.SubscriberId, issued.Application.ResultSerial!);
    }
}
