package io.cocoatly.artifact;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** The kinds of tar entry extraction tells apart, from the entry's type flag. */
enum EntryType {
    FILE, DIRECTORY, SYMLINK, HARDLINK, SPECIAL, UNSUPPORTED;

    static EntryType of(TarArchiveEntry e) {
        byte flag = e.getLinkFlag();
        if (e.isSparse()) {
            return UNSUPPORTED;
        }
        if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            return SPECIAL;
        }
        if (flag == TarConstants.LF_SYMLINK) {
            return SYMLINK;
        }
        if (flag == TarConstants.LF_LINK) {
            return HARDLINK;
        }
        if (e.isDirectory()) {
            return DIRECTORY;
        }
        // '7' is POSIX "contiguous file", a regular file everywhere that matters.
        if (flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG) {
            return FILE;
        }
        return UNSUPPORTED;
    }

    static String describeSpecial(TarArchiveEntry e) {
        if (e.isCharacterDevice()) {
            return "character device";
        }
        if (e.isBlockDevice()) {
            return "block device";
        }
        return "FIFO";
    }
}
