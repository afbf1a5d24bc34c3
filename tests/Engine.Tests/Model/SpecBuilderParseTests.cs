using MultiCloud.Engine.Model;
using Xunit;

namespace MultiCloud.Engine.Tests.Models
{
    public sealed class SpecBuilderParseTests
    {
        private const string CredentialShape = "must look like env:NAME, file:PATH or secret:[VAULT/]NAME";
        private const string TaintShape = "must look like key=value:Effect (Effect: NoSchedule, PreferNoSchedule, NoExecute)";

        [Theory]
        [InlineData("env:AZURE_SECRET", CredentialSource.Env, "AZURE_SECRET", null)]
        [InlineData("ENV:AZURE_SECRET", CredentialSource.Env, "AZURE_SECRET", null)]
        [InlineData("file:~/.ssh/id_ed25519", CredentialSource.File, "~/.ssh/id_ed25519", null)]
        [InlineData(@"file:C:\keys\id", CredentialSource.File, @"C:\keys\id", null)]
        [InlineData("secret:azure-cert", CredentialSource.Secret, "azure-cert", null)]
        [InlineData("Secret:corp-vault/azure-cert", CredentialSource.Secret, "azure-cert", "corp-vault")]
        [InlineData("secret:corp-vault/team/azure-cert", CredentialSource.Secret, "team/azure-cert", "corp-vault")]
        public void ParseCredential_KnownForm_GivesSourceReferenceAndVault(string text, CredentialSource source, string reference, string? vault)
        {
            Assert.Equal(new CredentialRef(source, reference, vault), SpecBuilder.ParseCredential(text));
        }

        [Theory]
        [InlineData("AZURE_SECRET", "credential reference 'AZURE_SECRET' " + CredentialShape)]
        [InlineData("", "credential reference '' " + CredentialShape)]
        [InlineData("env:", "credential reference 'env:' " + CredentialShape)]
        [InlineData(":AZURE_SECRET", "credential reference ':AZURE_SECRET' " + CredentialShape)]
        [InlineData("vault:azure-cert", "credential reference 'vault:azure-cert' has unknown source 'vault'; allowed: env, file, secret")]
        [InlineData("secret:corp-vault/", "credential reference 'secret:corp-vault/' " + CredentialShape)]
        public void ParseCredential_BadForm_ThrowsInvalidParameter(string text, string message)
        {
            SpecAssert.InvalidParameter(() => SpecBuilder.ParseCredential(text), message);
        }

        [Theory]
        [InlineData("dedicated=gpu:NoSchedule", "dedicated", "gpu", TaintEffect.NoSchedule)]
        [InlineData("burst:NoExecute", "burst", null, TaintEffect.NoExecute)]
        [InlineData("burst=true:prefernoschedule", "burst", "true", TaintEffect.PreferNoSchedule)]
        [InlineData("example.com/gpu=a100:NoSchedule", "example.com/gpu", "a100", TaintEffect.NoSchedule)]
        [InlineData("k=a=b:NoSchedule", "k", "a=b", TaintEffect.NoSchedule)]
        [InlineData("k=:NoSchedule", "k", "", TaintEffect.NoSchedule)]
        public void ParseTaint_KnownForm_GivesKeyValueAndEffect(string text, string key, string? value, TaintEffect effect)
        {
            Assert.Equal(new TaintSpec(key, value, effect), SpecBuilder.ParseTaint(text));
        }

        [Theory]
        [InlineData("dedicated=gpu", "taint 'dedicated=gpu' " + TaintShape)]
        [InlineData("dedicated", "taint 'dedicated' " + TaintShape)]
        [InlineData(":NoSchedule", "taint ':NoSchedule' " + TaintShape)]
        [InlineData("dedicated=gpu:Sometimes", "taint effect 'Sometimes' is not known; allowed: noschedule, prefernoschedule, noexecute")]
        [InlineData("dedicated=gpu:", "taint effect '' is not known; allowed: noschedule, prefernoschedule, noexecute")]
        [InlineData("dedicated=gpu:2", "taint effect '2' is not known; allowed: noschedule, prefernoschedule, noexecute")]
        public void ParseTaint_BadForm_ThrowsInvalidParameter(string text, string message)
        {
            SpecAssert.InvalidParameter(() => SpecBuilder.ParseTaint(text), message);
        }
    }
}
