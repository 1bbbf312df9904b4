package io.cocoatly.installer;

import io.cocoatly.config.ConfigReader;
import io.cocoatly.config.Home;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.PackageName;
import java.nio.file.Path;
import java.util.List;

/**
 * A second process for {@link RemoveFailedTest}: uninstalls {@code NAME} from {@code HOME} and
 * prints {@code ok}, or the error's code and message on two lines.
 */
public final class UninstallMain {

    private UninstallMain() {
    }

    /** {@code UninstallMain HOME NAME} */
    public static void main(String[] args) {
        Home home = new Home(Path.of(args[0]));
        try {
            new LocalInstaller(home, InstallSettings.from(ConfigReader.read(home)))
                    .uninstall(List.of(PackageName.of(args[1])), false, InstallListener.NONE);
            System.out.println("ok");
        } catch (CocoatlyException e) {
            System.out.println(e.code());
            System.out.println(e.getMessage());
        }
    }
}
