using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GmPki.Core.Identity;
using GmPki.Core.Registration;
using GmPki.Registration.Workflow;
using GmPki.Server.Http;

namespace GmPki.Server.Tests;

/// <summary>Registration requests as a registrar at the counter would send them (valid identity numbers, full checklists, scans).</summary>
internal static class Counter
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static int _sequence;

    /// <summary>A person with a resident identity number of their own (unless given): subscribers are recognised by it.</summary>
    public static SubscriberBody Person(string name, Guid? organizationId = null, string? identityNumber = null)
        => new("individual", name, "resident-identity-card", identityNumber ?? NextResidentId(), "110105", organizationId);

    /// <summary>An organisation with a unified social credit code of its own.</summary>
    public static SubscriberBody Organization(string name, string type = "enterprise")
        => new(type, name, "unified-social-credit-code", NextCreditCode(), "350100");

    /// <summary>A valid resident identity number not handed out before in this test run (born 1950-01-01 plus n days).</summary>
    public static string NextResidentId()
    {
        var n = Interlocked.Increment(ref _sequence);
        var body = $"110105{new DateOnly(1950, 1, 1).AddDays(n):yyyyMMdd}{n % 1000:D3}";
        return body + ChineseIdentifiers.CitizenIdentityCheck(body);
    }

    /// <summary>A valid unified social credit code not handed out before in this test run.</summary>
    public static string NextCreditCode()
    {
        var body = $"91350100M{Interlocked.Increment(ref _sequence):D8}";
        return body + ChineseIdentifiers.UnifiedSocialCreditCheck(body);
    }

    public static EvidenceBody Scan(string name) => new(name, "application/pdf", Convert.ToBase64String("%PDF-1.4 scan of "u8.ToArray().Concat(System.Text.Encoding.UTF8.GetBytes(name)).ToArray()));

    public static Dictionary<string, bool> Materials(SubscriberBody subscriber)
        => MaterialsChecklist.For(KebabNames.TryParse<SubscriberType>(subscriber.Type, out var type) ? type.Value : throw new ArgumentException(subscriber.Type),
            subscriber.OrganizationId is not null).ToDictionary(item => item, _ => true);

    /// <summary>A counter application for a new certificate for a subscriber not yet registered.</summary>
    public static CounterBody New(SubscriberBody subscriber, string profile, string csrPem)
        => new("new", "in-person", Materials(subscriber), "本人申请数字证书，用于电子政务。", subscriber, null, profile, csrPem,
            IdentityEvidence: [Scan("identity.pdf")], PaperForms: [Scan("forms.pdf")]);

    /// <summary>A counter application acting on a registered subscriber's certificate.</summary>
    public static CounterBody Act(string kind, SubscriberBody subscriber, Guid subscriberId, string serial, string? reason = null)
        => new(kind, "in-person", Materials(subscriber), $"本人申请{kind}证书 {serial}。", null, subscriberId, null, null, serial, reason,
            [Scan("identity.pdf")], [Scan("forms.pdf")]);

    /// <summary>POSTs <paramref name="body"/> to the counter endpoint.</summary>
    public static async Task<(HttpStatusCode Status, CounterResultView? Result, string Raw)> PostAsync(HttpClient client, CounterBody body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/counter/applications", body, Web);
        var raw = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.StatusCode == HttpStatusCode.Created ? JsonSerializer.Deserialize<CounterResultView>(raw, Web) : null, raw);
    }

    /// <summary>POSTs <paramref name="body"/> and demands 201 with a certificate.</summary>
    public static async Task<CounterResultView> IssueAsync(HttpClient client, CounterBody body)
    {
        var (status, result, raw) = await PostAsync(client, body);
        status.ShouldBe(HttpStatusCode.Created, raw);
        result!.Certificate.ShouldNotBeNull(raw);
        return result;
    }

    /// <summary>POSTs <paramref name="body"/> (a status change) and demands 201 with the application completed.</summary>
    public static async Task<ApplicationView> ActAsync(HttpClient client, CounterBody body)
    {
        var (status, result, raw) = await PostAsync(client, body);
        status.ShouldBe(HttpStatusCode.Created, raw);
        result!.Application.State.ShouldBe("completed", raw);
        return result.Application;
    }

    /// <summary>Registers <paramref name="subscriber"/> (<c>POST /api/v1/subscribers</c>) and returns its id.</summary>
    public static async Task<Guid> RegisterAsync(HttpClient client, SubscriberBody subscriber)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/subscribers", subscriber, Web);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SubscriberView>(Web))!.Id;
    }

    /// <summary>POSTs a step; returns the status and the application or problem.</summary>
    public static async Task<(HttpStatusCode Status, ApplicationView? Application, string Raw)> StepAsync(HttpClient client, Guid application, string step, object? body = null)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/applications/{application}/{step}", body ?? new { }, Web);
        var raw = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.IsSuccessStatusCode ? JsonSerializer.Deserialize<ApplicationView>(raw, Web) : null, raw);
    }

    /// <summary>
    /// Takes an application awaiting the second person to completion: the reviewer approves, the
    /// registrar fulfils and hands over to the applicant (whose identity number is checked).
    /// </summary>
    public static async Task<ApplicationView> ApproveAndCompleteAsync(RunningServer server, Guid application, string receiverIdentityNumber)
    {
        foreach (var (client, step, body) in new (HttpClient, string, object?)[]
        {
            (server.Reviewer, "approval", new ApprovalInput(true, "材料齐全，同意签发。")),
            (server.Registrar, "fulfilment", null),
            (server.Registrar, "acceptance", new AcceptanceBody("in-person", receiverIdentityNumber, [Scan("receipt.pdf")])),
        })
        {
            var (status, _, raw) = await StepAsync(client, application, step, body);
            status.ShouldBe(HttpStatusCode.OK, raw);
        }

        return (await server.Registrar.GetFromJsonAsync<ApplicationView>($"/api/v1/applications/{application}", Web))!;
    }

    /// <summary>
    /// Records, as the registrar at the counter, every step an open status-change application still
    /// needs (identity, materials, the documents in force on paper, will, approval, fulfilment), in
    /// the order the server names them; returns the final application.
    /// </summary>
    public static async Task<ApplicationView> CompleteAsync(HttpClient registrar, ApplicationView application, SubscriberBody holder)
    {
        while (application.NextStep is { } step)
        {
            object body = step switch
            {
                "identity-verification" => new IdentityBody("in-person", true, "resident-identity-card", null, [Scan("identity.pdf")]),
                "materials-review" => new MaterialsBody(Materials(holder), null, [Scan("forms.pdf")]),
                "notice-acknowledgement" => new ConsentBody(await VersionAsync(registrar, "notice"), "paper-scan", null, [Scan("forms.pdf")]),
                "agreement-signature" => new ConsentBody(await VersionAsync(registrar, "agreement"), "paper-scan", null, [Scan("forms.pdf")]),
                "will-confirmation" => new WillBody("in-person", "本人确认撤销证书。"),
                "approval" => new ApprovalInput(true, "核实无误。"),
                _ => new { },
            };
            var (status, next, raw) = await StepAsync(registrar, application.Id, step, body);
            status.ShouldBe(HttpStatusCode.OK, raw);
            application = next!;
        }

        return application;
    }

    private static async Task<int> VersionAsync(HttpClient client, string kind)
        => (await client.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{kind}", Web)).GetProperty("version").GetInt32();

    /// <summary>The certificate (PEM) of a completed application.</summary>
    public static async Task<string> CertificatePemAsync(HttpClient client, string serial)
        => (await client.GetStringAsync($"/api/v1/certificates/{serial}?format=pem")).Split("-----END CERTIFICATE-----")[0] + "-----END CERTIFICATE-----\n";
}
