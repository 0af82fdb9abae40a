namespace GmPki.Core.Ledger;

/// <summary>One page of a listing.</summary>
/// <typeparam name="T">Item type.</typeparam>
/// <param name="Items">The items of this page, newest first.</param>
/// <param name="Total">Total number of items matching the query.</param>
/// <param name="PageNumber">1-based page number.</param>
/// <param name="PageSize">Maximum items per page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);
