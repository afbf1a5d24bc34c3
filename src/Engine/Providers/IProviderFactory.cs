using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers
{
    /// <summary>
    /// One provider type's entry point: its folder under src/Engine/Providers holds this factory and the
    /// provider classes; <see cref="ProviderCatalog"/> registers it in one line.
    /// </summary>
    public interface IProviderFactory
    {
        ProviderType Type { get; }

        /// <summary>A machine provider for one provider instance, or null when this type cannot create machines.</summary>
        IMachineProvider? CreateMachines(ProviderSpec spec, ProviderContext context);

        /// <summary>A DNS provider for one provider instance, or null when this type serves no DNS.</summary>
        IDnsProvider? CreateDns(ProviderSpec spec, ProviderContext context);
    }

    /// <summary>What providers may use from the run: secrets (read when needed, never kept) and the engine log.</summary>
    public sealed record ProviderContext(ICredentialResolver Credentials, IEngineLog Log);
}
