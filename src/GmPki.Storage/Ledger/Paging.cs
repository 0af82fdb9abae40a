using GmPki.Core.Errors;

namespace GmPki.Storage.Ledger;

/// <summary>The page limits of every ledger listing: pages from 1, 1–500 items each.</summary>
internal static class Paging
{
    /// <summary>Largest page size.</summary>
    public const int MaxPageSize = 500;

    /// <summary>Rows to skip before <paramref name="pageNumber"/>.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> when the page number is below 1 or the page size outside 1–500.</exception>
    public static int Skip(int pageNumber, int pageSize)
    {
        if (pageNumber < 1)
        {
            throw Errors.RequestInvalid.With($"page number must be 1 or more, not {pageNumber}");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            throw Errors.RequestInvalid.With($"page size must be between 1 and {MaxPageSize}, not {pageSize}");
        }

        return (pageNumber - 1) * pageSize;
    }
}
