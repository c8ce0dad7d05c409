namespace Longhaul.Config.Import;

internal enum HostPortKind
{
    Numeric,

    /// <summary>A host or service name: ipvsadm -S without -n prints them; they are resolved nowhere here.</summary>
    Name,
    Invalid,
}
