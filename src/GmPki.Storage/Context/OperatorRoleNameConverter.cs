using GmPki.Core.Security;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GmPki.Storage.Context;

/// <summary>Stores an <see cref="OperatorRole"/> as its kebab-case name (<c>ca-administrator</c>, …).</summary>
internal sealed class OperatorRoleNameConverter()
    : ValueConverter<OperatorRole, string>(value => value.ToName(), name => Parse(name))
{
    private static OperatorRole Parse(string name) => OperatorRoles.TryParse(name, out var role)
        ? role.Value
        : throw new InvalidDataException($"The ledger holds an unknown operator role name '{name}'.");
}
