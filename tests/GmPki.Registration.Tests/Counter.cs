using GmPki.Core.Registration;
using GmPki.Registration.Subscribers;
using GmPki.Registration.Workflow;

namespace GmPki.Registration.Tests;

/// <summary>Counter requests as a registrar fills them in: scans of the identity document and the signed forms, the full checklist.</summary>
internal static class Counter
{
    public static CounterRequest Request(SubscriberInput person, string profile = "personal", string? subject = null)
        => new(person, null, ApplicationKind.New, profile, Csrs.Der(subject ?? "CN=" + person.Name), null, null, "in-person",
            [TestRegistry.Scan("identity.pdf")], Materials(person), [TestRegistry.Scan("forms.pdf")], "本人申请数字证书，用于电子政务。");

    public static CounterRequest Act(ApplicationKind kind, Subscriber subscriber, string serial, string? reason = null)
        => new(null, subscriber.Id, kind, null, null, serial, reason, "in-person",
            [TestRegistry.Scan("identity.pdf")], MaterialsChecklist.For(subscriber).ToDictionary(i => i, _ => true), [TestRegistry.Scan("forms.pdf")], $"本人申请{kind}证书 {serial}。");

    private static Dictionary<string, bool> Materials(SubscriberInput person)
        => MaterialsChecklist.For(person.Type, person.OrganizationId is not null).ToDictionary(i => i, _ => true);
}
