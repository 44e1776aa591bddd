package qdrift.cli;

import java.util.List;

/**
 * A script whose setup doctor.java can check: when it fails on something the doctor diagnoses (the URL, the token,
 * a role, an API operation, the git remote), its one-line error ends with the doctor command for the same setup.
 */
public interface DoctorChecked {
    /** doctor.java's arguments for what this run needs: URL, repository and folder, and the rights it uses. */
    List<String> doctorArguments();
}
