namespace GmPki.Kmc.Custody;

/// <summary>The reconstructed master key in memory: its ID and the derived SM4 escrow key.</summary>
/// <param name="Id">The master key's ID (<c>kmc_master_keys.id</c>).</param>
/// <param name="EscrowKey">16-byte SM4 key; wiped when the KMC is sealed.</param>
internal sealed record UnsealedMasterKey(string Id, byte[] EscrowKey);
