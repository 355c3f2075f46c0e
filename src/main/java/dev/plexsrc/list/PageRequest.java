package dev.plexsrc.list;

import java.util.regex.Pattern;

import dev.plexsrc.error.ApiException;

/**
 * The page a list request asks for. {@code page} is 1-based, or {@code null} for "last"; the
 * page size falls back to 20 when missing or not a positive number and is capped at 100.
 */
public record PageRequest(Integer page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    private static final Pattern PAGE = Pattern.compile("^\\d{1,9}$");
    private static final Pattern SIZE = Pattern.compile("^-?\\d{1,9}$");

    public static PageRequest of(String page, String pageSize) {
        return new PageRequest(parsePage(page), parseSize(pageSize));
    }

    /** The pagination block for {@code count} matching rows; a page past the end is a 404. */
    public Pagination paginate(long count) {
        long totalPages = Math.max(1, (count + size - 1) / size);
        long current = page == null ? totalPages : page;
        if (current > totalPages) {
            throw ApiException.invalidPage();
        }
        long next = current < totalPages ? current + 1 : 0;
        long previous = current > 1 ? current - 1 : 0;
        long startIndex = count == 0 ? 0 : size * (current - 1) + 1;
        long endIndex = current == totalPages ? count : current * size;
        return new Pagination(next, previous, count, current, totalPages, startIndex, endIndex);
    }

    private static Integer parsePage(String raw) {
        if (raw == null || raw.isEmpty()) {
            return 1;
        }
        if (raw.equals("last")) {
            return null;
        }
        if (!PAGE.matcher(raw).matches() || Integer.parseInt(raw) < 1) {
            throw ApiException.invalidPage();
        }
        return Integer.parseInt(raw);
    }

    private static int parseSize(String raw) {
        if (raw == null || !SIZE.matcher(raw.strip()).matches()) {
            return DEFAULT_SIZE;
        }
        int size = Integer.parseInt(raw.strip());
        if (size <= 0) {
            return DEFAULT_SIZE;
        }
        return Math.min(size, MAX_SIZE);
    }
}
