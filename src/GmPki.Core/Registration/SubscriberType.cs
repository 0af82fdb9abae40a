namespace GmPki.Core.Registration;

/// <summary>
/// Kinds of subscriber (证书订户). Organisations are enterprises, public institutions or social
/// groups; government departments (政务部门) have staff, who are individuals linked to their
/// department.
/// </summary>
public enum SubscriberType
{
    /// <summary>A natural person (个人), including the staff of a government department.</summary>
    Individual,

    /// <summary>An enterprise (企业).</summary>
    Enterprise,

    /// <summary>A public institution (事业单位).</summary>
    PublicInstitution,

    /// <summary>A social group (社会团体).</summary>
    SocialGroup,

    /// <summary>A government department (政务部门).</summary>
    GovernmentDepartment,
}
