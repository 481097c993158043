using Microsoft.EntityFrameworkCore;

namespace ReelRights.Core.Mail;

internal static class MailModel
{
    public static void Configure(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<OutgoingMail>(e =>
        {
            e.Property(m => m.State).HasConversion<string>();
            e.HasIndex(m => m.State);
        });
}
