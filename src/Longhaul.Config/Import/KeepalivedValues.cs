using System.Globalization;

namespace Longhaul.Config.Import;

/// <summary>Reads the argument of a keepalived statement as a number, reporting the statement when it is not.</summary>
internal static class KeepalivedValues
{
    /// <summary>keepalived timers are seconds with up to microsecond decimals (<c>delay_loop 2.5</c>).</summary>
    public static double? Seconds(KeepalivedNode node, ImportNotes notes, double max = 86400)
    {
        string? text = node.Argument(1);
        if (text is not null
            && double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)
            && value >= 0
            && value <= max)
        {
            return value;
        }

        notes.AddError(node.File, node.Line, node.Keyword, $"'{text}' is not a time in seconds");
        return null;
    }

    public static int? Integer(KeepalivedNode node, ImportNotes notes, int min, int max, int index = 1)
    {
        string? text = node.Argument(index);
        if (text is not null && ImportFormat.TryParseInt(text, min, max, out int value))
        {
            return value;
        }

        notes.AddError(node.File, node.Line, node.Keyword, $"'{text}' is not a whole number in {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}");
        return null;
    }

    /// <summary>Settings a virtual_server, real_server or checker may give for the checks under it; false when <paramref name="node"/> is none of them.</summary>
    public static bool TryReadDefault(KeepalivedNode node, ImportNotes notes, ref KeepalivedCheckDefaults defaults)
    {
        switch (node.Keyword)
        {
            case "delay_loop":
                defaults = defaults with { DelayLoop = Seconds(node, notes) ?? defaults.DelayLoop };
                return true;
            case "connect_timeout":
                defaults = defaults with { ConnectTimeout = Seconds(node, notes) ?? defaults.ConnectTimeout };
                return true;
            case "retry" or "nb_get_retry":
                defaults = defaults with { Retry = Integer(node, notes, 0, 100) ?? defaults.Retry };
                return true;
            case "inhibit_on_failure":
                defaults = defaults with { Inhibit = true };
                return true;
            case "virtualhost":
                defaults = defaults with { VirtualHost = node.Argument(1) };
                return true;
            default:
                return false;
        }
    }
}
