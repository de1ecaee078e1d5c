package org.memspice.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.concurrent.Callable;
import org.memspice.dse.sweep.PointEvaluator;
import org.memspice.dse.sweep.PointResult;
import org.memspice.dse.sweep.PointStore;
import org.memspice.dse.sweep.SweepPoint;

/**
 * One sweep point as a task of the cluster's executor: the job's id and the point as the text
 * its key is computed from (no Java serialization). On the member that runs it, the point is
 * computed by the job's evaluator, a finished result is written under the point's key to the
 * cluster map {@value ClusterMember#RESULTS}, and the result returns to the launching member in
 * the point file's text.
 */
public final class PointTask implements Callable<String>, DataSerializable, HazelcastInstanceAware {
    private String job;
    private int index;
    private String key;
    private String varied;
    private String canonical;
    private transient HazelcastInstance hz;

    /** For deserialization. */
    public PointTask() {
    }

    PointTask(String job, SweepPoint p) {
        this.job = job;
        this.index = p.index();
        this.key = p.key();
        this.varied = p.varied();
        this.canonical = p.canonical();
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hz = hazelcastInstance;
    }

    @Override
    public String call() {
        Jobs jobs = (Jobs) hz.getUserContext().get(Jobs.CONTEXT_KEY);
        PointEvaluator evaluator = jobs.evaluator(job, hz);
        SweepPoint p;
        try {
            p = SweepPoint.restore(index, key, varied, canonical);
        } catch (IllegalArgumentException | org.memspice.dse.DseInputException e) {
            throw new ClusterFailure("member " + ClusterMember.text(hz.getCluster().getLocalMember()) + " cannot read point "
                    + (index + 1) + ": " + e.getMessage() + " (is every member the same memspice build?)");
        }
        PointResult r = PointEvaluator.run(evaluator, p);
        String text = PointStore.text(p, r);
        if (r.ok()) {
            hz.<String, String>getMap(ClusterMember.RESULTS).set(key, text);
        }
        return text;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(job);
        out.writeInt(index);
        out.writeString(key);
        out.writeString(varied);
        out.writeString(canonical);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        job = in.readString();
        index = in.readInt();
        key = in.readString();
        varied = in.readString();
        canonical = in.readString();
    }
}
