using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>AWS: machines through EC2 and records in a Route53 hosted zone. Each call makes an independent instance.</summary>
    public sealed class AwsProviderFactory : IProviderFactory
    {
        public ProviderType Type => ProviderType.Aws;

        public IMachineProvider? CreateMachines(ProviderSpec spec, ProviderContext context) => new AwsMachineProvider(spec, context);

        public IDnsProvider? CreateDns(ProviderSpec spec, ProviderContext context) => new Route53DnsProvider(spec, context);
    }
}
