namespace Longhaul.Config.Import;

/// <summary>A keepalived <c>lvs_method</c> (alias <c>lb_kind</c>): NAT, DR, or TUN with its tunnel options.</summary>
internal sealed record KeepalivedForwarding(string Method, ImportedTunnel Tunnel)
{
    /// <summary><c>lvs_method TUN [type ipip|gue port N|gre] [nocsum|csum|remcsum]</c>.</summary>
    public static KeepalivedForwarding? Read(KeepalivedNode node, ImportNotes notes)
    {
        string? method = node.Argument(1)?.ToUpperInvariant();
        if (method is not ("NAT" or "DR" or "TUN"))
        {
            notes.AddError(node.File, node.Line, node.Keyword, $"'{node.Argument(1)}' is not a forwarding method (NAT, DR or TUN)");
            return null;
        }

        if (method != "TUN")
        {
            return new KeepalivedForwarding(method, ImportedTunnel.Unspecified);
        }

        string type = "ipip";
        int port = 0;
        string? checksum = null;
        for (int i = 2; i < node.Words.Count; i++)
        {
            string word = node.Words[i];
            switch (word)
            {
                case "type" when i + 1 < node.Words.Count:
                    type = node.Words[++i].ToLowerInvariant();
                    break;
                case "port" when i + 1 < node.Words.Count && ImportFormat.TryParseInt(node.Words[i + 1], 1, 65535, out port):
                    i++;
                    break;
                case "nocsum" or "csum" or "remcsum":
                    checksum = word;
                    break;
                default:
                    notes.AddError(node.File, node.Line, node.Keyword, $"unexpected '{word}' (TUN [type ipip|gue port N|gre] [nocsum|csum|remcsum])");
                    return null;
            }
        }

        switch (type)
        {
            case "ipip":
                // Without "type", keepalived lets the kernel pick its default tunnel, which is IPIP.
                return new KeepalivedForwarding(method, ImportedTunnel.Ipip);
            case "gue" when port > 0:
                return new KeepalivedForwarding(method, new ImportedTunnel("gue", port, checksum));
            case "gue":
                notes.AddError(node.File, node.Line, node.Keyword, "type gue needs 'port N'");
                return null;
            case "gre":
                return new KeepalivedForwarding("GRE", ImportedTunnel.Unspecified);
            default:
                notes.AddError(node.File, node.Line, node.Keyword, $"'{type}' is not a tunnel type (ipip, gue, gre)");
                return null;
        }
    }
}
