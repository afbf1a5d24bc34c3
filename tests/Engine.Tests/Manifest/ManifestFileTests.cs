using System.Diagnostics;
using MultiCloud.Engine.Manifest;
using Xunit;

namespace MultiCloud.Engine.Tests.Manifest
{
    /// <summary>What ReadFile refuses before reading: anything but a regular file, and files above the size limit.</summary>
    public sealed class ManifestFileTests : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("mc-manifest-file-").FullName;

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private static MultiCloudException Refused(string path) => Assert.Throws<MultiCloudException>(() => ManifestReader.ReadFile(path));

        [Theory]
        [InlineData("/dev/urandom", "it is a character device, not a regular file")]
        [InlineData("/dev/zero", "it is a character device, not a regular file")]
        [InlineData("/dev/null", "it is a character device, not a regular file")]
        public void ReadFile_Device_IsRefusedWithoutReading(string device, string reason)
        {
            if (OperatingSystem.IsWindows()) return;

            var error = Refused(device);

            Assert.Equal(ErrorIds.ManifestUnreadable, error.ErrorId);
            Assert.Equal($"manifest file '{device}' is not read: {reason}; give a regular file of at most 4,194,304 bytes", error.Message);
        }

        [Fact]
        public void ReadFile_Fifo_IsRefusedWithoutOpeningIt()
        {
            if (OperatingSystem.IsWindows()) return;
            var fifo = Path.Combine(_folder, "manifest.yaml");
            using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", new[] { fifo }) { UseShellExecute = false })!)
            {
                mkfifo.WaitForExit();
                Assert.Equal(0, mkfifo.ExitCode);
            }

            // Opening a FIFO with no writer would block for good; the refusal comes before any open.
            var error = Refused(fifo);

            Assert.Equal(ErrorIds.ManifestUnreadable, error.ErrorId);
            Assert.Contains("it is a named pipe (FIFO), not a regular file", error.Message);
        }

        [Fact]
        public void ReadFile_Folder_IsRefused()
        {
            var error = Refused(_folder);

            Assert.Equal(ErrorIds.ManifestUnreadable, error.ErrorId);
            Assert.Contains("it is a folder, not a file", error.Message);
        }

        [Fact]
        public void ReadFile_LargerThanTheLimit_IsRefused()
        {
            var big = Path.Combine(_folder, "big.yaml");
            using (var stream = File.Create(big)) stream.SetLength(ManifestLimits.MaxFileBytes + 1L);

            var error = Refused(big);

            Assert.Contains("it is larger than 4,194,304 bytes", error.Message);
        }

        [Fact]
        public void ReadFile_RegularFileWithByteOrderMark_IsRead()
        {
            var path = Path.Combine(_folder, "cluster.yaml");
            File.WriteAllText(path, ManifestFixture.Base, new System.Text.UTF8Encoding(true));

            var result = ManifestReader.ReadFile(path);

            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        }

        [Fact]
        public void ReadFile_Missing_IsNotFound() =>
            Assert.Equal(ErrorIds.ManifestNotFound, Refused(Path.Combine(_folder, "absent.yaml")).ErrorId);
    }
}
