using System.Globalization;
using Longhaul.Packets;

namespace Longhaul.RealServer;

/// <summary>
/// How the real server lowers the TCP MSS it advertises to clients. A client's segments reach us inside the
/// tunnel, so a full-size segment plus the outer headers would exceed the path MTU between director and real;
/// advertising a smaller MSS on the routes back to clients (route metric advmss) makes clients send segments
/// that fit, instead of relying on ICMP frag-needed that many client paths drop.
/// </summary>
public readonly record struct MssClamp(MssClampMode Mode, int Value)
{
    public const int Ipv4HeaderAndTcp = 40;
    public const int Ipv6HeaderAndTcp = 60;

    public static MssClamp Auto => new(MssClampMode.Auto, 0);

    public static MssClamp Off => new(MssClampMode.Off, 0);

    /// <summary>"auto", "off", or an IPv4 advmss in bytes (536..65495).</summary>
    public static bool TryParse(string? text, out MssClamp clamp)
    {
        clamp = Auto;
        switch (text?.Trim().ToUpperInvariant())
        {
            case null or "" or "AUTO":
                return true;
            case "OFF" or "NONE" or "0":
                clamp = Off;
                return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value is >= 536 and <= 65495)
        {
            clamp = new MssClamp(MssClampMode.Fixed, value);
            return true;
        }

        return false;
    }

    /// <summary>
    /// The outer overhead the agent must budget for: IPIP over IPv4 is 20 bytes, GUE (variant 0) 32; an IPv6
    /// outer header adds 20 more, which applies when some allowed director is an IPv6 address.
    /// </summary>
    public static int TunnelOverheadFor(bool gueEnabled, bool ipv6Outer) =>
        TunnelOverhead.For(gueEnabled ? TunnelKind.Gue : TunnelKind.Ipip, GueVariant.V0, ipv6Outer, innerIsV6: false);

    /// <summary>The advmss for IPv4 and IPv6 routes, or null for both when <see cref="MssClampMode.Off"/>.</summary>
    public (int V4, int V6)? Compute(int tunnelMtu, bool gueEnabled, bool ipv6Outer)
    {
        switch (Mode)
        {
            case MssClampMode.Off:
                return null;
            case MssClampMode.Fixed:
                return (Value, Value - (Ipv6HeaderAndTcp - Ipv4HeaderAndTcp));
            default:
                int inner = TunnelMtu.MaxInnerPacket(tunnelMtu, TunnelOverheadFor(gueEnabled, ipv6Outer));
                return (inner - Ipv4HeaderAndTcp, inner - Ipv6HeaderAndTcp);
        }
    }

    public override string ToString() => Mode switch
    {
        MssClampMode.Off => "off",
        MssClampMode.Fixed => Value.ToString(CultureInfo.InvariantCulture),
        _ => "auto",
    };
}
