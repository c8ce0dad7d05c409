using System.Globalization;

namespace Longhaul.Config.Import;

/// <summary>
/// A keepalived checker block (TCP_CHECK, HTTP_GET, SSL_GET, MISC_CHECK) to a <c>health-check</c>. keepalived
/// marks a real down after the first failure plus <c>retry</c> retries, so <c>fall</c> is retry + 1; one
/// success brings it back, so <c>rise</c> is 1.
/// </summary>
internal static class KeepalivedCheckMapper
{
    public static bool IsMappable(string keyword) => keyword is "TCP_CHECK" or "HTTP_GET" or "SSL_GET" or "MISC_CHECK";

    public static bool IsChecker(string keyword) =>
        IsMappable(keyword) || keyword is "SMTP_CHECK" or "DNS_CHECK" or "BFD_CHECK" or "UDP_CHECK" or "PING_CHECK" or "FILE_CHECK";

    public static ImportedHealthCheck? Map(KeepalivedNode checker, KeepalivedCheckDefaults inherited, ushort servicePort, ImportedReal real, ImportNotes notes)
    {
        string kind = checker.Keyword switch
        {
            "TCP_CHECK" => "tcp",
            "HTTP_GET" => "http",
            "SSL_GET" => "https",
            _ => "exec",
        };
        KeepalivedCheckDefaults settings = inherited;
        int? port = null;
        double? miscTimeout = null;
        string? command = null;
        KeepalivedNode? url = null;
        foreach (KeepalivedNode node in checker.Children ?? [])
        {
            if (KeepalivedValues.TryReadDefault(node, notes, ref settings))
            {
                continue;
            }

            switch (node.Keyword)
            {
                case "connect_port":
                    port = KeepalivedValues.Integer(node, notes, 1, 65535);
                    break;
                case "url" when kind is "http" or "https":
                    if (url is null)
                    {
                        url = node;
                    }
                    else
                    {
                        notes.AddUnmapped(node.File, node.Line, $"real {real.Address}: {checker.Keyword}: a second url block: Longhaul checks one path; only the first is imported", real.Comments);
                    }

                    break;
                case "misc_path" when kind == "exec":
                    command = string.Join(' ', node.Words.Skip(1));
                    break;
                case "misc_timeout" when kind == "exec":
                    miscTimeout = KeepalivedValues.Seconds(node, notes);
                    break;
                case "delay_before_retry":
                    notes.AddWarning(node.File, node.Line, $"real {real.Address}: delay_before_retry {node.Argument(1)}: Longhaul re-checks a failing real at the normal interval, not sooner", real.Comments);
                    break;
                case "log_all_failures" or "http_protocol":
                    notes.AddWarning(node.File, node.Line, $"real {real.Address}: {checker.Keyword} {node.Text}: ignored", real.Comments);
                    break;
                case "connect_ip":
                    notes.AddUnmapped(node.File, node.Line, $"real {real.Address}: {checker.Keyword} connect_ip {node.Argument(1)}: Longhaul checks the real's own address (or, with kind: tunnel, the VIP through the tunnel)", real.Comments);
                    break;
                case "misc_dynamic":
                    notes.AddUnmapped(node.File, node.Line, $"real {real.Address}: MISC_CHECK misc_dynamic (weight from the exit status) is not supported: exit 0 means up, anything else down", real.Comments);
                    break;
                default:
                    notes.AddUnmapped(node.File, node.Line, $"real {real.Address}: {checker.Keyword} {node.Text}: not supported", real.Comments);
                    break;
            }
        }

        string? path = null;
        int? status = null;
        string? host = settings.VirtualHost;
        if (kind is "http" or "https")
        {
            if (url is null)
            {
                notes.AddUnmapped(checker.File, checker.Line, $"real {real.Address}: {checker.Keyword} has no url block; not imported", real.Comments);
                return null;
            }

            (path, status, host) = ReadUrl(url, checker.Keyword, real, host, notes);
        }

        if (kind == "exec" && string.IsNullOrWhiteSpace(command))
        {
            notes.AddUnmapped(checker.File, checker.Line, $"real {real.Address}: MISC_CHECK has no misc_path; not imported", real.Comments);
            return null;
        }

        // keepalived's misc_timeout defaults to the check interval.
        double timeout = kind == "exec" ? miscTimeout ?? settings.DelayLoop : settings.ConnectTimeout;
        int probed = port ?? servicePort;
        return new ImportedHealthCheck(
            kind,
            probed != servicePort ? probed : null,
            path,
            status,
            host,
            command,
            settings.DelayLoop,
            timeout,
            Rise: 1,
            Fall: settings.Retry + 1,
            settings.Inhibit ? "inhibit" : "remove");
    }

    private static (string Path, int Status, string? Host) ReadUrl(KeepalivedNode url, string checker, ImportedReal real, string? host, ImportNotes notes)
    {
        string path = "/";
        int status = 200;
        bool statusSeen = false;
        foreach (KeepalivedNode node in url.Children ?? [])
        {
            switch (node.Keyword)
            {
                case "path":
                    path = node.Argument(1) ?? "/";
                    break;
                case "virtualhost":
                    host = node.Argument(1);
                    break;
                case "status_code":
                    statusSeen = true;
                    status = ReadStatus(node, checker, real, notes);
                    break;
                case "digest":
                    notes.AddUnmapped(node.File, node.Line, $"real {real.Address}: {checker} digest (MD5 of the body) is not supported; only the status is checked", real.Comments);
                    break;
                default:
                    notes.AddUnmapped(node.File, node.Line, $"real {real.Address}: {checker} url {node.Text}: not supported", real.Comments);
                    break;
            }
        }

        if (!statusSeen)
        {
            notes.AddWarning(url.File, url.Line, $"real {real.Address}: {checker} without status_code accepts any 2xx in keepalived; imported as status: 200", real.Comments);
        }

        return (path, status, host);
    }

    /// <summary><c>status_code 200</c> maps; ranges and lists (<c>200-299 301</c>) become their first code, listed.</summary>
    private static int ReadStatus(KeepalivedNode node, string checker, ImportedReal real, ImportNotes notes)
    {
        string first = node.Argument(1) ?? string.Empty;
        int dash = first.IndexOf('-', StringComparison.Ordinal);
        string start = dash > 0 ? first[..dash] : first;
        if (!ImportFormat.TryParseInt(start, 100, 599, out int status))
        {
            notes.AddError(node.File, node.Line, node.Keyword, $"'{first}' is not an HTTP status or range");
            return 200;
        }

        if (dash > 0 || node.Words.Count > 2)
        {
            notes.AddUnmapped(node.File, node.Line, $"real {real.Address}: {checker} status_code {string.Join(' ', node.Words.Skip(1))}: Longhaul expects one status; imported as {status.ToString(CultureInfo.InvariantCulture)}", real.Comments);
        }

        return status;
    }
}
