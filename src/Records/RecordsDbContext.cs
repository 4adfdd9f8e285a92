using LiveSession.Domain.FollowUp;
using Microsoft.EntityFrameworkCore;

namespace LiveSession.Records;

/// <summary>The durable records outside the live state: archived meetings, their event logs, and the kiến nghị dossiers (events and projections).</summary>
public sealed class RecordsDbContext(DbContextOptions<RecordsDbContext> options) : DbContext(options)
{
    public DbSet<MeetingRecord> Meetings => Set<MeetingRecord>();
    public DbSet<EventRecord> Events => Set<EventRecord>();
    public DbSet<PetitionRecord> Petitions => Set<PetitionRecord>();
    public DbSet<FollowUpEntry> FollowUps => Set<FollowUpEntry>();
    public DbSet<PreMeetingPetitionRecord> PreMeetingPetitions => Set<PreMeetingPetitionRecord>();
    public DbSet<FollowUpEventRecord> FollowUpEvents => Set<FollowUpEventRecord>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        // The filter above hides only the registers' rows, whose kiến nghị are read on their own, never through a meeting.
        optionsBuilder.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MeetingRecord>(meeting =>
        {
            meeting.HasKey(m => m.Id);
            meeting.Property(m => m.Id).HasMaxLength(64);
            meeting.Property(m => m.Title).HasMaxLength(300);
            meeting.Property(m => m.Kind).HasMaxLength(20);
            meeting.Property(m => m.Form).HasMaxLength(20);
            meeting.Property(m => m.Venue).HasMaxLength(300);
            meeting.HasMany(m => m.Events).WithOne().HasForeignKey(e => e.MeetingId);
            meeting.HasMany(m => m.Petitions).WithOne().HasForeignKey(p => p.MeetingId);
            meeting.HasIndex(m => m.ClosedAt);
            // An office's register of kiến nghị received outside any meeting holds them as a meeting's would, under a row of
            // its own that no list of meetings shows (see IndirectRegister).
            meeting.HasQueryFilter(m => m.Kind != IndirectRegister.Kind);
            meeting.Property(m => m.OfficeId).HasMaxLength(40);
        });
        modelBuilder.Entity<EventRecord>(e =>
        {
            e.HasKey(x => new { x.MeetingId, x.Version });
            e.Property(x => x.Type).HasMaxLength(60);
        });
        modelBuilder.Entity<PetitionRecord>(p =>
        {
            p.HasKey(x => new { x.MeetingId, x.PetitionId });
            p.Property(x => x.PetitionId).HasMaxLength(20);
            p.Property(x => x.Resolution).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.PreMeetingNumber).HasMaxLength(20);
            p.HasIndex(x => new { x.ResponsibleUnit, x.Deadline });
            p.Property(x => x.OfficeId).HasMaxLength(40);
            p.HasMany(x => x.History).WithOne().HasForeignKey(h => new { h.MeetingId, h.PetitionId });
        });
        modelBuilder.Entity<FollowUpEntry>(h =>
        {
            h.HasKey(x => x.Id);
            h.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            h.Property(x => x.Actor).HasMaxLength(120);
        });
        modelBuilder.Entity<PreMeetingPetitionRecord>(p =>
        {
            p.HasKey(x => new { x.MeetingId, x.Number });
            p.Property(x => x.MeetingId).HasMaxLength(64);
            p.Property(x => x.Number).HasMaxLength(20);
            p.Property(x => x.Source).HasConversion<string>().HasMaxLength(30);
            p.Property(x => x.PreparingUnit).HasMaxLength(120);
            p.Property(x => x.TakenAs).HasMaxLength(20);
            p.HasIndex(x => x.PreparingUnit);
            p.Property(x => x.OfficeId).HasMaxLength(40);
        });
        modelBuilder.Entity<FollowUpEventRecord>(e =>
        {
            e.HasKey(x => new { x.MeetingId, x.Version });
            e.Property(x => x.MeetingId).HasMaxLength(64);
            e.Property(x => x.Type).HasMaxLength(60);
            e.Property(x => x.By).HasMaxLength(200);
        });
    }
}
