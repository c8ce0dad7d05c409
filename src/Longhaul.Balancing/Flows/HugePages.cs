using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Longhaul.Balancing.Flows;

/// <summary>
/// Asks Linux to back a large, not yet touched memory range with 2 MiB pages (madvise MADV_HUGEPAGE; this
/// machine's transparent huge pages are in "madvise" mode). A flow table of tens of MiB on 4 KiB pages costs
/// a TLB miss and a page walk on nearly every lookup; on 2 MiB pages it is covered by a few dozen TLB entries.
/// </summary>
/// <remarks>
/// A memory hint, not I/O, which is why it sits beside the table rather than in Longhaul.Linux (Balancing does
/// not depend on it). Refused or unsupported, the table works the same on small pages.
/// </remarks>
internal static partial class HugePages
{
    public const int PageSize = 2 * 1024 * 1024;

    private const int MadviseHugePage = 14;

    private const int CacheLine = 64;

    /// <summary>
    /// A pinned, zeroed region of <paramref name="bytes"/> starting at <paramref name="origin"/> in the returned
    /// array: aligned to 2 MiB and advised into huge pages when it is at least that large, else to a cache line.
    /// Pinned so that its address, and any prefetch of it, stays valid.
    /// </summary>
    public static byte[] AllocateZeroed(int bytes, out int origin)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        int alignment = bytes >= PageSize ? PageSize : CacheLine;

        // Uninitialised, so the pages are still untouched when the advice is given; clearing them afterwards
        // faults them in as 2 MiB pages.
        byte[] memory = GC.AllocateUninitializedArray<byte>(checked(bytes + alignment), pinned: true);
        nint address = AddressOf(ref MemoryMarshal.GetArrayDataReference(memory));
        origin = (int)((alignment - (address & (alignment - 1))) & (alignment - 1));
        Advise(address + origin, (nuint)bytes);
        Array.Clear(memory, origin, bytes);
        return memory;
    }

    /// <summary>Advises for whole 2 MiB pages within [<paramref name="start"/>, +<paramref name="length"/>); true when the kernel accepted.</summary>
    public static bool Advise(nint start, nuint length)
    {
        if (!OperatingSystem.IsLinux() || length < PageSize)
        {
            return false;
        }

        try
        {
            return Madvise(start, length, MadviseHugePage) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static unsafe nint AddressOf(ref byte value) => (nint)Unsafe.AsPointer(ref value);

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
