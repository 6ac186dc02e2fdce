package org.carebridge.routes.core;

import java.nio.file.Path;

/**
 * A handler of a file inbox that reads the file itself (streaming, several passes) instead of receiving its bytes,
 * and decides where the file goes afterwards. The route moves the file to the returned folder, relative to the
 * inbox directory (e.g. {@code .done/20261123}, {@code held}, {@code error}). {@link #handle} still serves dead
 * letter replays, which carry the bytes.
 */
public interface FileChannelHandler extends ChannelHandler {
    /** Header the route's move option reads the target folder from. */
    String TARGET_HEADER = "CarebridgeFileTarget";

    /**
     * @param message the channel's message, with an empty payload
     * @param file    the file as it lies in the inbox; do not move it, the route does
     * @return the folder, relative to the inbox, the file is moved to
     */
    String handleFile(ChannelMessage message, Path file) throws Exception;
}
