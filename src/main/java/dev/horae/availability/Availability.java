package dev.horae.availability;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Computes bookable slots. For each resource, its open hours on each local date (its own zone, so
 * DST moves nothing: 09:00 stays 09:00), cut to the asked dates (in the asker's zone), give the
 * candidate starts: every {@code interval} from each opening while the service fits before the
 * closing. A resource is free at {@code t} when {@code [t, t + duration)} lies in its open hours,
 * {@code t} respects minimum notice and horizon, nothing that blocks every place (busy events,
 * external busy time) overlaps {@code [t - before, t + duration + after)}, and at least one of its
 * {@code capacity} places holds no appointment overlapping that range — the same rule the database's
 * exclusion constraint enforces on booking. A slot is offered when all the resources are free
 * ({@code require = 0}) or at least {@code require} of them. On request, every candidate not
 * offered is explained per resource: closed, past, minimum notice, horizon, which event or
 * external busy block (in the slot, or only in its buffer), or fully booked (by which appointment).
 */
public final class Availability {
  private Availability() {}

  public record Query(LocalDate from, LocalDate to, ZoneId zone, Instant now, int require, boolean explain) {}

  public record Slot(Instant start, Instant end, List<String> resourceIds, int availableCapacity) {}

  public enum Reason { CLOSED, PAST, MINIMUM_NOTICE, BOOKING_HORIZON, BUSY, BUFFER, FULLY_BOOKED }

  /** Why {@code resourceId} is not free for the slot at {@code start}; the blocking entity when there is one. */
  public record Refusal(Instant start, Instant end, String resourceId, Reason reason, Block block) {}

  public record Result(List<Slot> slots, List<Refusal> refusals) {}

  public static Result compute(List<ResourceCalendar> resources, Rules rules, Query q) {
    long from = q.from().atStartOfDay(q.zone()).toEpochSecond();
    long to = q.to().plusDays(1).atStartOfDay(q.zone()).toEpochSecond();
    long duration = rules.duration().toSeconds();
    long interval = rules.interval().toSeconds();
    List<Prepared> prepared = new ArrayList<>();
    long[] starts = new long[256];
    int count = 0;
    for (ResourceCalendar r : resources) {
      Prepared p = new Prepared(r, rules, from, to);
      prepared.add(p);
      for (int i = 0; i < p.open.length; i += 2) {
        for (long t = p.open[i]; t + duration <= p.open[i + 1]; t += interval) {
          if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
          }
          starts[count++] = t;
        }
      }
    }
    Arrays.sort(starts, 0, count);
    long now = q.now().getEpochSecond();
    long earliest = now + rules.minimumNotice().toSeconds();
    long latest = now + rules.horizon().toSeconds();
    long before = rules.bufferBefore().toSeconds();
    long after = rules.bufferAfter().toSeconds();
    int need = q.require() <= 0 ? resources.size() : Math.min(q.require(), resources.size());
    List<Slot> slots = new ArrayList<>();
    List<Refusal> refusals = new ArrayList<>();
    String[] free = new String[prepared.size()];
    for (int k = 0; k < count; k++) {
      long t = starts[k];
      if (k > 0 && starts[k - 1] == t) {
        continue; // the same start from another resource's hours
      }
      int freeCount = 0;
      int capacity = Integer.MAX_VALUE;
      List<Refusal> why = q.explain() ? new ArrayList<>() : null;
      for (Prepared p : prepared) {
        Reason reason;
        Block block = null;
        if (!p.fits(t, t + duration)) {
          reason = Reason.CLOSED;
        } else if (t < now) {
          reason = Reason.PAST;
        } else if (t < earliest) {
          reason = Reason.MINIMUM_NOTICE;
        } else if (t > latest) {
          reason = Reason.BOOKING_HORIZON;
        } else {
          int blocking = p.all.overlapping(t - before, t + duration + after);
          if (blocking >= 0) {
            block = p.all.blocks[blocking];
            int inSlot = p.all.overlappingSlot(t, t + duration);
            reason = inSlot >= 0 ? Reason.BUSY : Reason.BUFFER;
            if (inSlot >= 0) {
              block = p.all.blocks[inSlot];
            }
          } else {
            int places = 0;
            Block taken = null;
            for (Lane lane : p.places) {
              int hit = lane.overlapping(t - before, t + duration + after);
              if (hit < 0) {
                places++;
              } else if (taken == null) {
                taken = lane.blocks[hit];
              }
            }
            if (places > 0) {
              free[freeCount++] = p.resource.resourceId();
              capacity = Math.min(capacity, places);
              continue;
            }
            reason = Reason.FULLY_BOOKED;
            block = taken;
          }
        }
        if (why != null) {
          why.add(new Refusal(Instant.ofEpochSecond(t), Instant.ofEpochSecond(t + duration), p.resource.resourceId(), reason, block));
        }
      }
      if (freeCount >= need && freeCount > 0) {
        slots.add(new Slot(Instant.ofEpochSecond(t), Instant.ofEpochSecond(t + duration), List.of(Arrays.copyOf(free, freeCount)), capacity));
      } else if (why != null) {
        refusals.addAll(why);
      }
    }
    return new Result(slots, refusals);
  }

  /** A resource's open intervals in the asked range, and its blocks by lane: all places, then one lane per place. */
  private static final class Prepared {
    final ResourceCalendar resource;
    final long[] open;
    final Lane all;
    final Lane[] places;

    Prepared(ResourceCalendar r, Rules rules, long from, long to) {
      this.resource = r;
      List<long[]> spans = new ArrayList<>();
      ZoneId zone = r.zone();
      LocalDate first = Instant.ofEpochSecond(from).atZone(zone).toLocalDate().minusDays(1);
      LocalDate last = Instant.ofEpochSecond(to).atZone(zone).toLocalDate();
      for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
        for (Hours.Open o : r.hours().on(d)) {
          long start = Math.max(o.start().atZone(zone).toEpochSecond(), from);
          long end = Math.min(o.end().atZone(zone).toEpochSecond(), to);
          if (start < end) {
            spans.add(new long[] {start, end});
          }
        }
      }
      spans.sort(Comparator.comparingLong(s -> s[0]));
      List<Long> bounds = new ArrayList<>();
      for (long[] s : spans) {
        if (!bounds.isEmpty() && bounds.get(bounds.size() - 1) >= s[0]) {
          // touching or overlapping openings join (a 0–2400 day runs into the next; split shifts that overlap)
          bounds.set(bounds.size() - 1, Math.max(bounds.get(bounds.size() - 1), s[1]));
        } else {
          bounds.add(s[0]);
          bounds.add(s[1]);
        }
      }
      open = bounds.stream().mapToLong(Long::longValue).toArray();
      List<Block> general = new ArrayList<>();
      List<List<Block>> byPlace = new ArrayList<>();
      for (int i = 0; i < rules.capacity(); i++) {
        byPlace.add(new ArrayList<>());
      }
      for (Block b : r.blocks()) {
        if (b.place() <= 0) {
          general.add(b);
        } else if (b.place() <= rules.capacity()) {
          byPlace.get(b.place() - 1).add(b);
        }
      }
      all = new Lane(general);
      places = byPlace.stream().map(Lane::new).toArray(Lane[]::new);
    }

    private int opening; // cursor: openings starting at or before the last start asked

    /** Whether {@code [start, end)} lies in one opening; {@code start} must not decrease between calls. */
    boolean fits(long start, long end) {
      while (opening < open.length / 2 && open[2 * opening] <= start) {
        opening++;
      }
      return opening > 0 && end <= open[2 * opening - 1];
    }
  }

  /**
   * Blocks sorted by start, with the running maximum of their ends. Candidate starts are visited in
   * increasing order, so each question moves a cursor forward instead of searching: O(1) amortised.
   */
  private static final class Lane {
    final Block[] blocks;
    final long[] starts;
    final long[] ends;
    final long[] maxEnd;
    private int wide; // cursor for [t - before, t + duration + after)
    private int narrow; // cursor for [t, t + duration)

    Lane(List<Block> list) {
      blocks = list.toArray(Block[]::new);
      Arrays.sort(blocks, Comparator.comparingLong(Block::startSecond));
      starts = new long[blocks.length];
      ends = new long[blocks.length];
      maxEnd = new long[blocks.length];
      long max = Long.MIN_VALUE;
      for (int i = 0; i < blocks.length; i++) {
        starts[i] = blocks[i].startSecond();
        ends[i] = blocks[i].endSecond();
        max = Math.max(max, ends[i]);
        maxEnd[i] = max;
      }
    }

    /** The index of a block overlapping {@code [from, to)}, or -1; {@code to} must not decrease between calls. */
    int overlapping(long from, long to) {
      while (wide < starts.length && starts[wide] < to) {
        wide++;
      }
      return find(wide, from);
    }

    /** As {@link #overlapping}, with a cursor of its own for the slot without its buffers. */
    int overlappingSlot(long from, long to) {
      while (narrow < starts.length && starts[narrow] < to) {
        narrow++;
      }
      return find(narrow, from);
    }

    private int find(int firstAfter, long from) {
      if (firstAfter == 0 || maxEnd[firstAfter - 1] <= from) {
        return -1;
      }
      for (int i = firstAfter - 1; i >= 0; i--) {
        if (ends[i] > from) {
          return i;
        }
      }
      return -1;
    }
  }
}
