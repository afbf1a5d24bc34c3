namespace MultiCloud.Engine.Providers.Azure
{
    /// <summary>A marketplace image as the manifest names it: <c>publisher:offer:sku:version</c> (version may be <c>latest</c>).</summary>
    internal sealed record AzureImage(string Publisher, string Offer, string Sku, string Version)
    {
        public static AzureImage? TryParse(string text)
        {
            var parts = text.Split(':');
            if (parts.Length != 4) return null;
            foreach (var part in parts)
            {
                if (string.IsNullOrWhiteSpace(part) || part.Trim() != part) return null;
            }
            return new AzureImage(parts[0], parts[1], parts[2], parts[3]);
        }

        public bool IsLatest => string.Equals(Version, "latest", System.StringComparison.OrdinalIgnoreCase);

        public override string ToString() => $"{Publisher}:{Offer}:{Sku}:{Version}";
    }
}
