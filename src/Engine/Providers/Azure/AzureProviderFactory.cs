using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers.Azure
{
    /// <summary>Azure: machines in a subscription (ARM) and records in an Azure DNS zone. Each call makes an independent instance.</summary>
    public sealed class AzureProviderFactory : IProviderFactory
    {
        public ProviderType Type => ProviderType.Azure;

        public IMachineProvider? CreateMachines(ProviderSpec spec, ProviderContext context) => new AzureMachineProvider(spec, context);

        public IDnsProvider? CreateDns(ProviderSpec spec, ProviderContext context) => new AzureDnsProvider(spec, context);
    }
}
