namespace Longhaul.Packets;

/// <summary>The bits of the TCP flags byte (header byte 13), as carried in <see cref="ParsedPacket.TcpFlags"/>.</summary>
public static class TcpFlagBits
{
    public const byte Fin = 0x01;
    public const byte Syn = 0x02;
    public const byte Rst = 0x04;
    public const byte Psh = 0x08;
    public const byte Ack = 0x10;
    public const byte Urg = 0x20;
    public const byte Ece = 0x40;
    public const byte Cwr = 0x80;
}
