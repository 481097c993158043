using System.Security.Cryptography;
using ReelRights.Core.Blobs;

namespace ReelRights.Core.Tests.Blobs;

public sealed class FileSystemBlobStoreTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rr-blobs-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private FileSystemBlobStore NewStore() => new(new BlobStoreOptions { Root = root });

    [Fact]
    public async Task PutAsync_Content_IsStoredUnderItsSha256AndReadsBack()
    {
        var store = NewStore();
        var data = RandomNumberGenerator.GetBytes(300_000);

        var info = await store.PutAsync(new MemoryStream(data), long.MaxValue, CancellationToken.None);

        info.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(data)));
        info.Length.ShouldBe(data.Length);
        File.Exists(Path.Combine(root, info.Sha256[..2], info.Sha256[2..4], info.Sha256)).ShouldBeTrue();
        await using var read = store.OpenRead(info.Sha256)!;
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        copy.ToArray().ShouldBe(data);
    }

    [Fact]
    public async Task PutAsync_SameContentTwiceConcurrently_StoresOneCopyAndLeavesNoTemporaryFiles()
    {
        var store = NewStore();
        var data = RandomNumberGenerator.GetBytes(100_000);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => store.PutAsync(new MemoryStream(data), long.MaxValue, CancellationToken.None))));

        results.Select(r => r.Sha256).Distinct().Count().ShouldBe(1);
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).Length.ShouldBe(1);
    }

    [Fact]
    public async Task PutAsync_LongerThanLimit_FailsAndStoresNothing()
    {
        var store = NewStore();

        var error = await Should.ThrowAsync<ReelRightsException>(() =>
            store.PutAsync(new MemoryStream(new byte[10_001]), 10_000, CancellationToken.None));

        error.Code.ShouldBe("too-large");
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task PutAsync_StreamFailsMidway_LeavesNothingBehind()
    {
        var store = NewStore();

        await Should.ThrowAsync<IOException>(() => store.PutAsync(new FailingStream(200_000), long.MaxValue, CancellationToken.None));

        Directory.GetFiles(root, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..")]
    [InlineData("/etc/passwd")]
    [InlineData("ab/../../x")]
    [InlineData("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85\0")]
    [InlineData("")]
    public void OpenRead_NotAHexAddress_IsRejectedBeforeTouchingFiles(string address)
    {
        var store = NewStore();

        Should.Throw<ReelRightsException>(() => store.OpenRead(address)).Code.ShouldBe("invalid-blob-address");
        Should.Throw<ReelRightsException>(() => store.Delete(address)).Code.ShouldBe("invalid-blob-address");
    }

    [Fact]
    public async Task DeleteAndExists_StoredBlob_BehaveAsExpected()
    {
        var store = NewStore();
        var info = await store.PutAsync(new MemoryStream([1, 2, 3]), 10, CancellationToken.None);

        store.Exists(info.Sha256).ShouldBeTrue();
        store.Delete(info.Sha256).ShouldBeTrue();
        store.Exists(info.Sha256).ShouldBeFalse();
        store.Delete(info.Sha256).ShouldBeFalse();
        store.OpenRead(info.Sha256).ShouldBeNull();
    }

    /// <summary>Yields some bytes, then fails like a dropped upload.</summary>
    private sealed class FailingStream(int failAfter) : Stream
    {
        private int position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (position >= failAfter)
            {
                throw new IOException("connection reset");
            }
            var n = Math.Min(count, failAfter - position);
            position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
