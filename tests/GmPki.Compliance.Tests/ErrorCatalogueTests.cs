using System.Text.RegularExpressions;
using GmPki.Core.Errors;

namespace GmPki.Compliance.Tests;

public sealed partial class ErrorCatalogueTests
{
    private static readonly Lazy<ErrorSources> Sources = new(ErrorSources.Load);

    private static Dictionary<string, CatalogueEntry> Codes => ErrorCatalogue.ProblemCodes.ToDictionary(e => e.Id);

    private static HashSet<string> Ids => [.. ErrorCatalogue.ConfigurationProblems.Select(e => e.Id)];

    [Fact]
    public void Entries_are_unique_well_formed_and_described_in_both_languages()
    {
        var all = ErrorCatalogue.ProblemCodes.Concat(ErrorCatalogue.ConfigurationProblems).ToList();
        all.Select(e => e.Id).ShouldBeUnique();
        ErrorCatalogue.ProblemCodes.ShouldAllBe(e => CodePattern().IsMatch(e.Id) && e.Kind != null);
        ErrorCatalogue.ConfigurationProblems.ShouldAllBe(e => IdPattern().IsMatch(e.Id) && e.Kind == null && e.HttpStatus == null);
        all.ShouldAllBe(e => e.English.Length > 0 && e.Chinese.Length > 0);
        all.ShouldAllBe(e => e.Chinese.Any(c => c >= '\u4e00' && c <= '\u9fff'), "every zh-CN description has Chinese text");
    }

    [Theory]
    [InlineData(ErrorKind.Invalid, 400)]
    [InlineData(ErrorKind.Unauthenticated, 401)]
    [InlineData(ErrorKind.Forbidden, 403)]
    [InlineData(ErrorKind.NotFound, 404)]
    [InlineData(ErrorKind.Conflict, 409)]
    [InlineData(ErrorKind.TooLarge, 413)]
    [InlineData(ErrorKind.UnsupportedMediaType, 415)]
    [InlineData(ErrorKind.Unprocessable, 422)]
    [InlineData(ErrorKind.Unavailable, 503)]
    [InlineData(ErrorKind.Internal, 500)]
    public void Each_kind_has_its_http_status(ErrorKind kind, int status) => ErrorCatalogue.StatusOf(kind).ShouldBe(status);

    [Fact]
    public void The_taxonomy_takes_code_and_kind_from_the_catalogue()
    {
        Core.Errors.Errors.TwoPersonRuleViolated.Code.ShouldBe("two-person-rule-violated");
        Codes["two-person-rule-violated"].HttpStatus.ShouldBe(403);
        Core.Errors.Errors.KeyNotFound.Kind.ShouldBe(Codes["key-not-found"].Kind!.Value);
    }

    [Fact]
    public void Every_configuration_problem_id_in_the_sources_is_catalogued()
    {
        var unknown = Sources.Value.MentionedIds.Where(p => !Ids.Contains(p.Key)).Select(p => $"{p.Key} ({p.Value})");
        unknown.ShouldBeEmpty("add these to ErrorCatalogue.ConfigurationProblems");
    }

    [Fact]
    public void Every_catalogued_configuration_problem_id_is_reported_by_code()
    {
        Ids.Except(Sources.Value.ReportedIds).ShouldBeEmpty("no validation reports these; remove them from the catalogue");
    }

    [Fact]
    public void Every_problem_code_defined_in_the_sources_is_catalogued_with_its_kind()
    {
        var wrong = Sources.Value.DefinedCodes
            .Where(d => !Codes.TryGetValue(d.Key, out var entry) || entry.Kind != d.Value.Kind)
            .Select(d => $"{d.Key} {d.Value.Kind} ({d.Value.Field})");
        wrong.ShouldBeEmpty("add these to ErrorCatalogue.ProblemCodes, with the kind the source gives");
    }

    [Fact]
    public void Every_problem_code_written_as_a_literal_is_catalogued()
    {
        Sources.Value.LiteralCodes.Where(l => !Codes.ContainsKey(l.Key)).Select(l => $"{l.Key} ({l.Value})")
            .ShouldBeEmpty("add these to ErrorCatalogue.ProblemCodes");
    }

    [Fact]
    public void Every_catalogued_problem_code_is_used()
    {
        var sources = Sources.Value;
        var unused = Codes.Keys.Where(code => !sources.LiteralCodes.ContainsKey(code)
            && !(sources.DefinedCodes.TryGetValue(code, out var definition) && sources.IsReferenced(definition.Field)));
        unused.ShouldBeEmpty("nothing in src/ reports these codes; remove them from the catalogue (and their unused fields)");
    }

    [Fact]
    public void The_scan_finds_the_forms_codes_and_ids_take()
    {
        var sources = Sources.Value;
        sources.ReportedIds.ShouldContain("GMPKI-PROFILE-010", "a numbered Problem(10, …) call formatting GMPKI-PROFILE-{number:000}");
        sources.ReportedIds.ShouldContain("GMPKI-CONFIG-000");
        sources.DefinedCodes["kmc-sealed"].Field.ShouldBe("KmcErrors.Sealed");
        sources.DefinedCodes["csr-weak-key"].Field.ShouldBe("Errors.CsrWeakKey");
        sources.LiteralCodes.ShouldContainKey("ocsp-unauthorized");
    }

    [Fact]
    public void Errors_md_lists_exactly_the_catalogued_codes_in_order_with_their_kind_and_status()
    {
        var rows = CodeRowPattern().Matches(Read("errors.md")).Select(m => (Code: m.Groups[1].Value, Kind: m.Groups[2].Value, Status: m.Groups[3].Value)).ToList();
        rows.Select(r => r.Code).ShouldBe(ErrorCatalogue.ProblemCodes.Select(e => e.Id));
        rows.ShouldAllBe(r => Codes[r.Code].Kind.ToString() == r.Kind && Codes[r.Code].HttpStatus.ToString() == r.Status);
    }

    [Fact]
    public void Configuration_md_lists_exactly_the_catalogued_ids_in_order()
    {
        var text = Read("configuration.md");
        IdRowPattern().Matches(text).Select(m => m.Groups[1].Value).ShouldBe(ErrorCatalogue.ConfigurationProblems.Select(e => e.Id));
        IdPattern().Matches(text).Select(m => m.Value).Where(id => !Ids.Contains(id)).ShouldBeEmpty("IDs the catalogue does not have");
    }

    [Fact]
    public void Errors_md_names_no_id_or_code_the_catalogue_lacks()
    {
        var text = Read("errors.md");
        IdPattern().Matches(text).Select(m => m.Value).Where(id => !Ids.Contains(id)).ShouldBeEmpty();
        CodeMentionPattern().Matches(text).Select(m => m.Groups[1].Value)
            .Where(code => !Codes.ContainsKey(code))
            .ShouldBeEmpty("codes named in the text that the catalogue does not list");
    }

    private static string Read(string document) => File.ReadAllText(GmPki.Testing.RepositoryRoot.Of("docs/" + document));

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"GMPKI-[A-Z]+-[0-9]{3}")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\| `([a-z0-9-]+)` \| (\w+) \| (\d{3}) \|", RegexOptions.Multiline)]
    private static partial Regex CodeRowPattern();

    [GeneratedRegex(@"^\| (GMPKI-[A-Z]+-[0-9]{3}) \|", RegexOptions.Multiline)]
    private static partial Regex IdRowPattern();

    [GeneratedRegex(@"`([a-z0-9]+(?:-[a-z0-9]+)+)`")]
    private static partial Regex CodeMentionPattern();
}
