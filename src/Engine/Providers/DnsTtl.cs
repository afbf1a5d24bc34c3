using System.Globalization;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers
{
    /// <summary>The <c>recordTtl</c> setting of DNS providers: seconds, 30 to 86400 (what the DNS clouds accept between them).</summary>
    public static class DnsTtl
    {
        public const string SettingName = "recordTtl";
        public const string Range = "a whole number of seconds from 30 to 86400";

        public static int Of(ProviderSpec provider) =>
            provider.Settings.TryGetValue(SettingName, out var text) && TryParse(text, out var ttl) ? ttl : DnsRecordSet.DefaultTtlSeconds;

        public static bool TryParse(string text, out int ttl) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ttl) && ttl >= 30 && ttl <= 86400;
    }
}
