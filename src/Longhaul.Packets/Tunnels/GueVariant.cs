namespace Longhaul.Packets;

/// <summary>The two GUE variants Linux decapsulates with <c>ip fou add port N gue</c>.</summary>
public enum GueVariant : byte
{
    /// <summary>A 4-byte GUE header naming the inner protocol (4 or 41) precedes the inner packet.</summary>
    V0 = 0,

    /// <summary>No GUE header: the UDP payload is the inner IP packet (its version nibble 0100/0110 reads as GUE version 1).</summary>
    V1 = 1,
}
