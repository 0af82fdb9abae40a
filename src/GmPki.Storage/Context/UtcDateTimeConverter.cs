using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GmPki.Storage.Context;

/// <summary>
/// Stores every <see cref="DateTime"/> as UTC and reads it back with <see cref="DateTimeKind.Utc"/>
/// (SQLite returns <see cref="DateTimeKind.Unspecified"/>; Npgsql requires UTC for
/// <c>timestamp with time zone</c>). Local times are converted; unspecified ones are taken as UTC.
/// </summary>
internal sealed class UtcDateTimeConverter()
    : ValueConverter<DateTime, DateTime>(value => ToUtc(value), value => DateTime.SpecifyKind(value, DateTimeKind.Utc))
{
    /// <summary>The stored form of <paramref name="value"/>: UTC, local times converted, unspecified ones taken as UTC.</summary>
    public static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
