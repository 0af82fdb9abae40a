namespace GmPki.Verification.Names;

/// <summary>The GeneralName choices of RFC 5280 §4.2.1.6, numbered by their context tags.</summary>
internal enum NameForm
{
    /// <summary>otherName [0].</summary>
    Other = 0,

    /// <summary>rfc822Name [1]: an e-mail address.</summary>
    Rfc822 = 1,

    /// <summary>dNSName [2].</summary>
    Dns = 2,

    /// <summary>x400Address [3].</summary>
    X400 = 3,

    /// <summary>directoryName [4].</summary>
    Directory = 4,

    /// <summary>ediPartyName [5].</summary>
    EdiParty = 5,

    /// <summary>uniformResourceIdentifier [6].</summary>
    Uri = 6,

    /// <summary>iPAddress [7]: 4 or 16 octets in a name, 8 or 32 (address and mask) in a constraint.</summary>
    Ip = 7,

    /// <summary>registeredID [8].</summary>
    RegisteredId = 8,
}
