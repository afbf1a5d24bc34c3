using System;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers
{
    /// <summary>The base address of a provider's API: its endpoint setting, else the public cloud's.</summary>
    public static class ProviderEndpoints
    {
        public static Uri From(ProviderSpec spec, string setting, string defaultEndpoint)
        {
            var text = spec.Settings.TryGetValue(setting, out var value) ? value : defaultEndpoint;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
                throw CloudErrors.Create(ErrorIds.CloudConfigurationInvalid, ErrorKind.InvalidArgument, spec.Name, "read settings",
                    $"setting {setting} is '{text}', which is not an absolute https URL", $"give the API's base address, such as {defaultEndpoint}");
            // A base address without its final slash would drop its last segment when paths are resolved against it.
            return text.EndsWith("/", StringComparison.Ordinal) ? uri : new Uri(text + "/");
        }
    }
}
