using Longhaul.Packets;

namespace Longhaul.Balancing.Scheduling;

/// <summary>
/// The kernel's sh and dh bucket hashes, with the configured seed folded in. With seed 0 a source or destination
/// lands in the same bucket as on a kernel IPVS director with the same list order, which lets Longhaul and kernel
/// directors share an ECMP group during a migration. These hashes are fast, not keyed against adversaries: the
/// tables have 256 buckets, so a client choosing its address can pick its real anyway.
/// </summary>
internal static class AddressKeyHash
{
    public const int Buckets = 256;

    /// <summary>linux/hash.h GOLDEN_RATIO_32, used by <c>hash_32</c> (sh).</summary>
    private const uint GoldenRatio32 = 0x61C88647;

    /// <summary>Knuth's multiplier, used by <c>ip_vs_dh_hashkey</c>.</summary>
    private const uint KnuthMultiplier = 2654435761;

    /// <summary>The 64-bit seed folded to the 32 bits these hashes mix in.</summary>
    public static uint FoldSeed(ulong seed) => (uint)seed ^ (uint)(seed >> 32);

    /// <summary>
    /// The kernel's address fold: the IPv4 address as a host-order integer, or the XOR of the four 32-bit words of
    /// an IPv6 address (XOR commutes with the byte swap, so folding host-order words matches <c>ntohl(fold)</c>).
    /// </summary>
    public static uint FoldAddress(in NetAddress address) => address.IsIPv4
        ? address.V4
        : (uint)(address.High >> 32) ^ (uint)address.High ^ (uint)(address.Low >> 32) ^ (uint)address.Low;

    /// <summary><c>ip_vs_sh_hashkey</c> with offset 0: <c>hash_32(port + addr, 8)</c>.</summary>
    public static int SourceBucket(uint addressFold, ushort port, uint seed) =>
        (int)((((port + addressFold) ^ seed) * GoldenRatio32) >> 24);

    /// <summary><c>ip_vs_dh_hashkey</c>: the low 8 bits of <c>addr × 2654435761</c>.</summary>
    public static int DestinationBucket(uint addressFold, uint seed) =>
        (int)(((addressFold ^ seed) * KnuthMultiplier) & (Buckets - 1));
}
