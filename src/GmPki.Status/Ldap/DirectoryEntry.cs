namespace GmPki.Status.Ldap;

/// <summary>One LDAP entry as GmPki publishes it.</summary>
/// <param name="Name">Its distinguished name.</param>
/// <param name="ObjectClasses">Object classes given when the entry is created (a structural class first).</param>
/// <param name="Attributes">Attribute values by description (for example <c>userCertificate;binary</c>), UTF-8 for strings; an existing entry gets them replaced, except its naming attribute.</param>
public sealed record DirectoryEntry(DistinguishedName Name, IReadOnlyList<string> ObjectClasses, IReadOnlyDictionary<string, byte[]> Attributes);
