using System.Text;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Context;

/// <summary>Names every column after its property in snake_case (<c>IssuerLabel</c> → <c>issuer_label</c>).</summary>
internal static class SnakeCaseNames
{
    public static void ApplyToColumns(ModelBuilder modelBuilder)
    {
        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entityType.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
