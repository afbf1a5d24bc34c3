using System.Collections;
using System.Management.Automation;
using MultiCloud.Engine.Model;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// Describes one provider account (an Azure subscription, an AWS account, a Hetzner project, a DNS
    /// provider) for New-MCCluster -Provider. Holds where secrets are, never secrets. A builder: it changes
    /// nothing, so it has no -WhatIf.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "MCProvider")]
    [OutputType(typeof(ProviderSpec))]
    public sealed class NewMCProviderCommand : MultiCloudCmdlet
    {
        /// <summary>The name node pools and DNS records refer to; two accounts of one type get two names.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1)]
        public ProviderType Type { get; set; }

        /// <summary>Non-secret settings such as subscriptionId, tenantId, clientId or accountId.</summary>
        [Parameter]
        public IDictionary? Setting { get; set; }

        /// <summary>Secret name → where to read it: "env:NAME", "file:PATH" or "secret:[VAULT/]NAME".</summary>
        [Parameter]
        public IDictionary? Credential { get; set; }

        protected override void ProcessRecordCore() =>
            WriteObject(SpecBuilder.Provider(Name, Type.ToString(), PowerShellValues.Unwrap(Setting), PowerShellValues.Unwrap(Credential)));
    }
}
