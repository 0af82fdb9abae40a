using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GmPki.Testing;

namespace GmPki.HttpFuzz;

/// <summary>
/// Real messages and identifiers the seed requests are built from: an SM2 key and CSR made by
/// openssl, a certificate issued through the counter flow (its application, subscriber, serial,
/// chain and evidence), an OCSP request for it made by openssl, an application opened online (its
/// access token) and an EST protocol account; plus the committed DER corpus of <c>fuzz/corpus</c>.
/// </summary>
public sealed class SeedState
{
    /// <summary>A resident identity number with a valid check digit (GB 11643).</summary>
    public const string IdentityNumber = "11010519491231002X";

    private static readonly string SecondIdentityNumber = "11010519500101003" + GmPki.Core.Identity.ChineseIdentifiers.CitizenIdentityCheck("11010519500101003");

    /// <summary>JSON members given a real value wherever a body schema has them.</summary>
    public Dictionary<string, JsonNode?> Members { get; } = [];

    /// <summary>Path parameter values: by <c>{name}</c>, or by <c>path template|name</c> where one name means different things.</summary>
    public Dictionary<string, string> PathValues { get; } = new()
    {
        ["label"] = "issuing", ["file"] = "0.crl", ["kind"] = "cps", ["version"] = "1", ["code"] = "A0001", ["id"] = "fuzz", ["serial"] = "01",
        ["protocol"] = "est", ["name"] = "fuzz-est", ["request"] = "MAA", ["/.well-known/est/{label}|label"] = "personal",
    };

    /// <summary>Valid bodies by media type (besides JSON, which <see cref="SchemaSample"/> builds).</summary>
    public Dictionary<string, List<byte[]>> Bodies { get; } = [];

    /// <summary>The applicant's access token of the application opened online.</summary>
    public string? AccessToken { get; private set; }

    /// <summary>HTTP Basic credentials (<c>name:secret</c>) of the EST protocol account.</summary>
    public string? EstAccount { get; private set; }

    /// <summary>Makes every seed, driving the service through its API with the registrar's and administrator's keys.</summary>
    public static async Task<SeedState> CreateAsync(FuzzService service, HttpClient client, TextWriter log)
    {
        var seeds = new SeedState();
        seeds.LoadCorpus();
        var work = service.WorkDirectory;
        OpenSsl.MustRun(work, "genpkey", "-algorithm", "SM2", "-out", "sm2.key");
        OpenSsl.MustRun(work, "req", "-new", "-key", "sm2.key", "-subj", "/CN=张三", "-utf8", "-out", "sm2.csr");
        OpenSsl.MustRun(work, "req", "-in", "sm2.csr", "-outform", "DER", "-out", "sm2.csr.der");
        var csrPem = File.ReadAllText(Path.Combine(work, "sm2.csr"));
        var csrDer = File.ReadAllBytes(Path.Combine(work, "sm2.csr.der"));
        seeds.Add("application/pkcs10", System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(csrDer)));
        seeds.Members["csr"] = csrPem;
        seeds.Members["identityNumber"] = IdentityNumber;
        seeds.Members["receiverIdentityNumber"] = IdentityNumber;
        seeds.Members["callerIdentityNumber"] = IdentityNumber;
        seeds.Members["profile"] = "personal";
        seeds.Members["profiles"] = new JsonArray("personal");
        seeds.Members["kind"] = "new";
        seeds.Members["revocation"] = "none";
        seeds.Members["subscriberTypes"] = new JsonArray("individual");
        seeds.Members["regions"] = new JsonArray("110105");
        seeds.Members["version"] = 1;
        seeds.Members["protocol"] = "est";
        seeds.Members["crls"] = new JsonArray();
        seeds.Members["ocspResponses"] = new JsonArray();
        seeds.Members["validationTime"] = null;
        seeds.Members["evidence"] = new JsonArray(new JsonObject { ["name"] = "scan.pdf", ["mediaType"] = "application/pdf", ["content"] = "JVBERi0xLjQK" });

        var counter = await seeds.IssueAtCounterAsync(service, client, csrPem, log);
        if (counter is not null)
        {
            seeds.OcspRequestFor(work);
        }

        await seeds.OpenOnlineAsync(service, csrPem, log);
        await seeds.CreateEstAccountAsync(service, client, log);
        return seeds;
    }

    private void Add(string mediaType, byte[] body)
    {
        if (!Bodies.TryGetValue(mediaType, out var list))
        {
            Bodies[mediaType] = list = [];
        }

        list.Add(body);
    }

    private void LoadCorpus()
    {
        var corpus = RepositoryRoot.Of("fuzz/corpus");
        (string Folder, string MediaType)[] folders =
        [
            ("cmp", "application/pkixcmp"), ("ocsp-request", "application/ocsp-request"), ("tsa-request", "application/timestamp-query"),
            ("acme-jws", "application/jose+json"),
        ];
        foreach (var (folder, mediaType) in folders)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(corpus, folder)).Order(StringComparer.Ordinal))
            {
                Add(mediaType, File.ReadAllBytes(file));
            }
        }

        foreach (var file in Directory.GetFiles(Path.Combine(corpus, "csr"), "*.der").Order(StringComparer.Ordinal))
        {
            Add("application/pkcs10", System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(File.ReadAllBytes(file))));
        }

        var cms = File.ReadAllBytes(Path.Combine(corpus, "cms", "cms-attached.der"));
        Members["signature"] = Convert.ToBase64String(cms);
    }

    /// <summary>The counter flow for 张三 with the openssl CSR; records the ids, serial and certificates it answers.</summary>
    private async Task<JsonNode?> IssueAtCounterAsync(FuzzService service, HttpClient client, string csrPem, TextWriter log)
    {
        var body = new JsonObject
        {
            ["kind"] = "new", ["identityMethod"] = "in-person", ["willStatement"] = "本人申请数字证书，用于电子政务。", ["profile"] = "personal", ["csr"] = csrPem,
            ["materials"] = new JsonObject { ["application-form"] = true, ["identity-document-copy"] = true },
            ["subscriber"] = new JsonObject
            {
                ["type"] = "individual", ["name"] = "张三", ["identityDocument"] = "resident-identity-card", ["identityNumber"] = IdentityNumber, ["region"] = "110105",
            },
            ["identityEvidence"] = Members["evidence"]!.DeepClone(),
            ["paperForms"] = Members["evidence"]!.DeepClone(),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/counter/applications") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", service.ApiKeys["registrar"]);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            await log.WriteLineAsync($"seed: the counter application was refused ({(int)response.StatusCode}): {text}");
            return null;
        }

        var result = JsonNode.Parse(text)!;
        var application = result["application"]!;
        var serial = application["resultSerial"]!.GetValue<string>();
        var certificate = result["certificate"]!.GetValue<string>();
        var chain = result["chain"]?.GetValue<string>() ?? "";
        var chainPems = chain.Split("-----END CERTIFICATE-----", StringSplitOptions.RemoveEmptyEntries)
            .Where(part => part.Contains("BEGIN", StringComparison.Ordinal)).Select(part => part.Trim() + "\n-----END CERTIFICATE-----\n").ToList();
        PathValues["/api/v1/subscribers/{id}|id"] = application["subscriberId"]!.GetValue<string>();
        PathValues["serial"] = serial;
        Members["subscriberId"] = application["subscriberId"]!.GetValue<string>();
        Members["basisApplicationId"] = application["id"]!.GetValue<string>();
        foreach (var name in new[] { "serial", "targetSerial", "keyOfSerial", "recipientSerial" })
        {
            Members[name] = serial;
        }

        Members["certificate"] = certificate;
        Members["signerCertificate"] = certificate;
        Members["trustAnchors"] = new JsonArray(chainPems.Skip(1).Select(pem => (JsonNode)pem).ToArray());
        Members["intermediates"] = new JsonArray(chainPems.Take(1).Select(pem => (JsonNode)pem).ToArray());
        var evidence = application["steps"]?.AsArray().SelectMany(step => (step?["evidence"] as JsonArray) ?? []).FirstOrDefault();
        if (evidence?["id"] is { } evidenceId)
        {
            PathValues["/api/v1/evidence/{id}|id"] = evidenceId.GetValue<string>();
        }

        File.WriteAllText(Path.Combine(service.WorkDirectory, "leaf.pem"), certificate);
        File.WriteAllText(Path.Combine(service.WorkDirectory, "issuer.pem"), chainPems.FirstOrDefault() ?? "");
        return result;
    }

    /// <summary>An OCSP request for the issued certificate, made by <c>openssl ocsp</c>; also the GET form's path value.</summary>
    private void OcspRequestFor(string work)
    {
        OpenSsl.MustRun(work, "ocsp", "-issuer", "issuer.pem", "-cert", "leaf.pem", "-reqout", "ocsp.der");
        var der = File.ReadAllBytes(Path.Combine(work, "ocsp.der"));
        Add("application/ocsp-request", der);
        PathValues["request"] = Uri.EscapeDataString(Convert.ToBase64String(der));
    }

    /// <summary>Opens an application online (anonymous applicant) and keeps its id and access token for the applicant's steps.</summary>
    private async Task OpenOnlineAsync(FuzzService service, string csrPem, TextWriter log)
    {
        using var client = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        var body = new JsonObject
        {
            ["kind"] = "new", ["profile"] = "personal", ["csr"] = csrPem,
            ["subscriber"] = new JsonObject
            {
                ["type"] = "individual", ["name"] = "李四", ["identityDocument"] = "resident-identity-card", ["identityNumber"] = SecondIdentityNumber, ["region"] = "110105",
            },
        };
        using var response = await client.PostAsJsonAsync("/api/v1/applications", body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            await log.WriteLineAsync($"seed: opening an application online was refused ({(int)response.StatusCode}): {text}");
            return;
        }

        var opened = JsonNode.Parse(text)!;
        AccessToken = opened["accessToken"]!.GetValue<string>();
        PathValues["/api/v1/applications/{id}|id"] = opened["application"]!["id"]!.GetValue<string>();
    }

    private async Task CreateEstAccountAsync(FuzzService service, HttpClient client, TextWriter log)
    {
        var body = new JsonObject { ["protocol"] = "est", ["name"] = "fuzz-est", ["profile"] = "personal", ["basisApplicationId"] = Members.GetValueOrDefault("basisApplicationId")?.DeepClone() };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/protocol-accounts") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", service.ApiKeys["registrar"]);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            await log.WriteLineAsync($"seed: creating the EST account was refused ({(int)response.StatusCode}): {text}");
            return;
        }

        EstAccount = "fuzz-est:" + JsonNode.Parse(text)!["secret"]!.GetValue<string>();
    }
}
