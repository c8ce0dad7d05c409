namespace Longhaul.Config.Import;

/// <summary>How many values an ipvsadm option takes.</summary>
internal enum IpvsadmArity
{
    None,
    Required,

    /// <summary><c>-p [timeout]</c>: a value only when the next token is not another option.</summary>
    Optional,

    /// <summary><c>--set tcp tcpfin udp</c>.</summary>
    Three,
}
