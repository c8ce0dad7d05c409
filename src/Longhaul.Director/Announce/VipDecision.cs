using Longhaul.Packets;

namespace Longhaul.Director.Announce;

/// <summary>Whether one VIP should be announced now, and why (the reason goes into the announce/withdraw log line).</summary>
public sealed record VipDecision(NetAddress Vip, bool Announce, string Reason)
{
    /// <summary>The host route for the VIP: <c>/32</c> for IPv4, <c>/128</c> for IPv6.</summary>
    public string Prefix => HostPrefix(Vip);

    public static string HostPrefix(NetAddress vip) => vip.IsIPv4 ? $"{vip}/32" : $"{vip}/128";
}
