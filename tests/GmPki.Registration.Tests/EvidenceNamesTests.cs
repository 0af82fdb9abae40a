using GmPki.Core.Registration;
using GmPki.Registration.Workflow;

namespace GmPki.Registration.Tests;

/// <summary>Evidence stored before the intake refused control characters is still handed out, with header-safe name and media type.</summary>
public sealed class EvidenceNamesTests
{
    [Theory]
    [InlineData("image/jpeg", true)]
    [InlineData("application/pdf; charset=binary", true)]
    [InlineData("pdf", false)]
    [InlineData("application/", false)]
    [InlineData("application/pdf\r\nX-Injected: 1", false)]
    [InlineData("", false)]
    public void A_media_type_is_type_slash_subtype_without_control_characters(string mediaType, bool acceptable)
        => EvidenceNames.IsMediaType(mediaType).ShouldBe(acceptable);

    [Fact]
    public void A_stored_name_and_media_type_with_line_breaks_are_delivered_safely()
    {
        var stored = new EvidenceSummary(Guid.NewGuid(), "id.pdf\r\nSet-Cookie: x=1", "application/pdf\nX: 1", 10, "00");

        var delivered = EvidenceNames.Deliverable(stored);

        delivered.Name.ShouldBe("id.pdf__Set-Cookie: x=1");
        delivered.MediaType.ShouldBe("application/octet-stream");
        delivered.Sm3.ShouldBe(stored.Sm3);
        EvidenceNames.Deliverable(stored with { Name = "\n", MediaType = "image/png" }).ShouldBe(stored with { Name = $"evidence-{stored.Id:N}", MediaType = "image/png" });
    }
}
